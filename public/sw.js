// Recovery Run's service worker: the app opens and works offline after one visit.
//
// Every file of the build is precached under a cache named for this build (the list and the
// build id are written in by scripts/precache.py after each `trunk build`). A new build
// installs into its own cache while the old one keeps serving; it takes over only when the
// athlete accepts the reload, so old and new files are never mixed. Old caches are deleted
// on activation.
const BUILD = '__BUILD_ID__';
const FILES = __PRECACHE_FILES__;
const CACHE = `recovery-run-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('recovery-run-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // Page loads (any address in scope, with or without a #route) get the cached shell.
      if (request.mode === 'navigate') {
        const shell = await cache.match('./index.html') || await cache.match('./');
        if (shell) return shell;
      }
      const hit = await cache.match(request, { ignoreSearch: true });
      return hit || fetch(request);
    }),
  );
});
