// What the app asks of the browser around its storage (issue #34), for src/ui/widgets/backup.rs,
// which loads this script when it is first needed (never for the first paint):
//
//   - the backup file (File System Access API: Chromium on desktops and Android): choose it
//     once with the save picker, read it, write it; its handle is kept in IndexedDB (a
//     handle cannot go in localStorage), so the app writes the same file after a reload;
//   - persistent storage (navigator.storage.persist), and whether the browser granted it;
//   - whether this is Safari on iPhone or iPad outside the Home Screen (its 7-day rule);
//   - how many characters localStorage holds for this site (what counts against its
//     5,242,880).
//
// Every function answers a promise (or a value) and never throws to the app: a browser
// without the API, a test double without a method, or a refusal is an answer too.
(() => {
  'use strict';
  if (self.recoveryRunStorage) return;

  const DB = 'recovery-run';
  const STORE = 'handles';
  const KEY = 'backup-file';
  // The chosen file: { handle, name }, or null.
  let chosen = null;
  let restored = false;

  function idb(mode, use) {
    return new Promise((resolve, reject) => {
      if (!self.indexedDB) return reject(new Error('no IndexedDB'));
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        try {
          const tx = db.transaction(STORE, mode);
          const req = use(tx.objectStore(STORE));
          tx.oncomplete = () => { db.close(); resolve(req && req.result); };
          tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
        } catch (e) {
          // A handle that cannot be cloned (a test double), or a closing database.
          db.close();
          reject(e);
        }
      };
    });
  }

  const api = {
    /** Whether the browser can keep writing a file the runner chose. */
    fileSupported() {
      return typeof self.showSaveFilePicker === 'function';
    },

    /** Asks the runner for the backup file (the save picker: a new file, or an existing one
     * on another device); its name, or '' if they cancelled. */
    async choose(suggestedName) {
      try {
        const handle = await self.showSaveFilePicker({
          suggestedName,
          types: [{ description: 'Recovery Run backup', accept: { 'application/json': ['.json'] } }],
        });
        chosen = { handle, name: String(handle.name || suggestedName) };
        restored = true;
        try { await idb('readwrite', (s) => s.put(chosen, KEY)); } catch (e) { /* a test double, or no IndexedDB: kept for this visit */ }
        return chosen.name;
      } catch (e) {
        return '';
      }
    },

    /** The chosen file's name ('' if none), from IndexedDB after a reload. */
    async current() {
      if (!restored) {
        restored = true;
        try {
          const v = await idb('readonly', (s) => s.get(KEY));
          if (v && v.handle) chosen = v;
        } catch (e) { /* none */ }
      }
      return chosen ? chosen.name : '';
    },

    /** 'granted', 'prompt' or 'denied' for writing the file ('none' without one); `ask`
     * (from a tap) asks the runner when the browser wants to. */
    async permission(ask) {
      if (!chosen) return 'none';
      const h = chosen.handle;
      const opts = { mode: 'readwrite' };
      try {
        let p = h.queryPermission ? await h.queryPermission(opts) : 'granted';
        if (p !== 'granted' && ask && h.requestPermission) p = await h.requestPermission(opts);
        return p;
      } catch (e) {
        return 'denied';
      }
    },

    /** The file as a File (or Blob) for the file worker to read ('' in it when the file is
     * new, or a test double cannot give it). */
    async file() {
      if (!chosen) return null;
      const h = chosen.handle;
      try {
        if (h.getFile) return await h.getFile();
      } catch (e) {
        if (!(e && e.name === 'NotFoundError')) return null;
      }
      return new Blob([''], { type: 'application/json' });
    },

    /** What tells this version of the file from another: its size and time of change ('' if
     * the browser cannot say). */
    async stamp() {
      if (!chosen || !chosen.handle.getFile) return '';
      try {
        const f = await chosen.handle.getFile();
        return f.size + ':' + f.lastModified;
      } catch (e) {
        return '';
      }
    },

    /** A text as a Blob, for the file worker. */
    blob(text) {
      return new Blob([text], { type: 'application/json' });
    },

    /** `[text, name]` as a File, for the import. */
    file_of(parts) {
      return new File([parts[0]], parts[1], { type: 'application/json' });
    },

    /** The first 256 characters of a chosen file. */
    async start(file) {
      try {
        return await file.slice(0, 256).text();
      } catch (e) {
        return '';
      }
    },

    /** Writes the whole file. */
    async write(text) {
      if (!chosen) throw new Error('no backup file');
      const w = await chosen.handle.createWritable();
      await w.write(text);
      await w.close();
      return true;
    },

    /** Stops writing the file (it stays where it is). */
    async forget() {
      chosen = null;
      restored = true;
      try { await idb('readwrite', (s) => s.delete(KEY)); } catch (e) { /* none */ }
      return true;
    },

    /** Asks the browser to keep this site's storage (true if it will). */
    async persist() {
      try {
        return !!(navigator.storage && navigator.storage.persist && (await navigator.storage.persist()));
      } catch (e) {
        return false;
      }
    },

    /** Whether the browser has granted persistent storage. */
    async persisted() {
      try {
        return !!(navigator.storage && navigator.storage.persisted && (await navigator.storage.persisted()));
      } catch (e) {
        return false;
      }
    },

    /** Whether this is iOS or iPadOS (every browser there is Safari's engine, with its
     * rule that a site's storage goes after 7 days without a visit). */
    ios() {
      const ua = navigator.userAgent || '';
      return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
    },

    /** Whether the app was opened from the Home Screen (installed). */
    standalone() {
      return navigator.standalone === true ||
        (!!self.matchMedia && matchMedia('(display-mode: standalone)').matches);
    },

    /** What this site's localStorage holds, as the browser counts it against its 5,242,880:
     * Chromium and Firefox count every UTF-16 code unit of the keys and values once; WebKit
     * (Safari, every browser on iPhone) counts bytes, one a character of a string that is all
     * Latin-1 and two for any other string (tests/engines/ measures both). */
    used() {
      const ua = navigator.userAgent || '';
      const bytes = /AppleWebKit/.test(ua) && !/Chrome\/|Chromium\//.test(ua);
      const cost = (s) => (bytes && /[^\u0000-\u00ff]/.test(s) ? 2 * s.length : s.length);
      let n = 0;
      try {
        for (let i = 0; i < localStorage.length; i++) {
          const k = localStorage.key(i);
          n += cost(k) + cost(localStorage.getItem(k) || '');
        }
      } catch (e) { /* no storage */ }
      return n;
    },
  };
  self.recoveryRunStorage = api;
})();
