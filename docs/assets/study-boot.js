/* What every study module needs once: the site's roots and the study stylesheet (loaded with
   the first use, so that pages stay as light as they are for readers who never use it). */

import { setRoots } from "./study-data.js";

let booted = null;

export function boot(assets) {
  if (!booted) {
    setRoots(assets);
    booted = new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("study.css", assets).href;
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
      document.head.appendChild(link);
    });
  }
  return booted;
}
