// Registers the service worker and offers a reload when a new build is ready.
// A plain script (not inline) so the Content-Security-Policy needs no exception for it.
(() => {
  if (!('serviceWorker' in navigator)) return;

  function offer(worker) {
    // `requested` is declared below; the button sets it.
    if (document.getElementById('update-ready')) return;
    const box = document.createElement('div');
    box.id = 'update-ready';
    box.className = 'notice update';
    box.setAttribute('role', 'status');
    const text = document.createElement('p');
    text.textContent = 'A new version of Recovery Run is ready.';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'primary';
    button.textContent = 'Reload to update';
    button.addEventListener('click', () => {
      requested = true;
      worker.postMessage('skip-waiting');
    });
    box.append(text, button);
    document.body.append(box);
  }

  // Reload only when the athlete asked for the update (not when the first install takes
  // control of a page that was already running the same build).
  let requested = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (requested) location.reload();
  });

  // index.html loads this script once the page has loaded (it is not needed for the first
  // paint); when it registers is below.
  const start = async () => {
    try {
      const reg = await navigator.serviceWorker.register('./sw.js');
      const watch = (worker) => {
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
        });
      };
      if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
      // The browser looks for a new build on every opening, before this script registers:
      // one may be installing already.
      watch(reg.installing);
      reg.addEventListener('updatefound', () => watch(reg.installing));
      // Look for a new build when the app comes back to the foreground.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    } catch (e) {
      console.warn('Recovery Run works online only here: the service worker could not be registered.', e);
    }
  };
  // Installing precaches every file of the build (2.5 MB): the service worker's thread and
  // the browser's are busy for hundreds of milliseconds. On a phone with few cores that
  // competes with the first render: on this project's 2-core machine Lighthouse's blocking
  // time was 3-10x higher with the registration at load than with none (issue #21). So the
  // app says when its first screen is built and the browser has been idle a while
  // (src/ui/split.rs, `preload`): the `recovery-run:settled` event, or `data-settled` on
  // <html> if this script loads after it. If the app never says so (its wasm failed), 10 s
  // after this script loads.
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  if (document.documentElement.hasAttribute('data-settled')) once();
  else {
    addEventListener('recovery-run:settled', once);
    setTimeout(once, 10000);
  }
})();
