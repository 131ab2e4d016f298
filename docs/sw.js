/* Dual Power Reader service worker: keeps the pages a reader has opened, and the files they use,
   so that they can be read again without a connection. It lives at the site root because a
   service worker only controls pages at or below its own folder; docs/assets/dpr.js registers it.

   - Theme files whose names carry a content hash (bundle.1a2b3c4d.min.js) never change under the
     same name: served from the cache first.
   - Everything else (pages, the search index once search has been opened, the edition's data
     files once a reader's notes or packs have used them, dpr.css, dpr.js, images) changes with
     each build:
     fetched from the network first and saved; the saved copy is used when the network fails.
   - A page asks for itself and its files to be saved (message "dpr-cache"; what is saved already
     is not fetched again), so the first page read is kept even though it was loaded before this
     worker was in control.

   Only GET requests for this site's own addresses are handled; nothing else is fetched. */
"use strict";

var CACHE = "dpr-offline-v2";
var FINGERPRINTED = /\.[0-9a-f]{8,}\.min\.(js|css)$/;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("dpr-offline-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function save(request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
  }
  return response;
}

function offlinePage() {
  var html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    "<title>Not saved for offline reading</title></head><body style=\"font-family: serif; max-width: 36em; margin: 3em auto; padding: 0 1em\">" +
    "<h1>Not saved for offline reading</h1><p>You are offline, and this page of the Dual Power Reader was not opened while " +
    "you were online, so no copy of it was kept. Pages you have already read are available.</p>" +
    '<p><a href="' + self.registration.scope + '">The edition\'s home page</a></p></body></html>';
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    return save(request, response);
  }).catch(function () {
    return caches.match(request, { ignoreSearch: request.mode === "navigate" }).then(function (hit) {
      if (hit) return hit;
      if (request.mode === "navigate") return offlinePage();
      return Response.error();
    });
  });
}

function cacheFirst(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).then(function (response) { return save(request, response); });
  });
}

var KEPT = ["document", "script", "style", "image", "font", "worker", "manifest"];

function worthKeeping(request, url) {
  // Pages and their files, the search index (fetched only when the reader opens search, then
  // kept for searching offline) and the edition as data (data/*.json, which the reader's own
  // notes and reading packs read); not other fetches such as the preview server's
  // live-reload polling, which would fill the cache with one entry per poll.
  return KEPT.indexOf(request.destination) >= 0 || /\/(search\/index|data\/[a-z0-9-]+)\.json$/.test(url.pathname);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !worthKeeping(request, url)) return;
  event.respondWith(FINGERPRINTED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "dpr-cache" || !Array.isArray(data.urls)) return;
  var urls = data.urls.filter(function (url) {
    try { return new URL(url).origin === self.location.origin; } catch (e) { return false; }
  });
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return cache.match(url).then(function (hit) {
          return hit || cache.add(url).catch(function () { return null; });
        });
      }));
    }).then(function () {
      if (event.source) event.source.postMessage({ type: "dpr-cached", count: urls.length });
    })
  );
});
