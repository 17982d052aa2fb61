// Loads the wasm UI. A separate file, not an inline script, so the CSP needs no exceptions.
// If loading fails, say so on screen: a blank kiosk tells IT nothing.
import init from "./ui.js";
init().catch((e) => {
  const p = document.createElement("pre");
  p.id = "load-error";
  p.textContent = "Packbench's screen failed to load: " + e + "\n" + (e && e.stack ? e.stack : "");
  document.body.appendChild(p);
});
