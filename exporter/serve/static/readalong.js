// Read-along: highlight the sentence being read, click a sentence to play from there,
// keyboard shortcuts (k, j/l, Shift+J/L). Timings are the transcript's cues, written into
// the page as data-start/data-end (seconds) on every .cue element.
"use strict";
(function () {
  const audio = document.getElementById("lecteur");
  if (!audio || !audio.dataset.readalong) return;
  const text = document.getElementById(audio.dataset.readalong);
  const cues = Array.from(document.querySelectorAll(".cue[data-start]"))
    .map((element) => ({
      element,
      start: parseFloat(element.dataset.start),
      end: parseFloat(element.dataset.end),
      heading: /^H[1-6]$/.test(element.tagName),
    }))
    .sort((a, b) => a.start - b.start);
  if (!cues.length) return;
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const shortcuts = document.getElementById("raccourcis");
  const controls = document.querySelector(".controls");
  const toggle = controls && controls.querySelector('[data-action="toggle"]');
  if (controls) controls.hidden = false;
  let current = -1;

  // The last cue that has started at time t (pauses keep the sentence just read).
  function indexAt(t) {
    let low = 0, high = cues.length - 1, found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (cues[middle].start <= t + 0.001) { found = middle; low = middle + 1; }
      else high = middle - 1;
    }
    return found;
  }

  function visible(element) {
    const box = element.getBoundingClientRect();
    const player = document.querySelector(".player");
    const top = player && getComputedStyle(player).position === "sticky"
      ? player.getBoundingClientRect().bottom : 0;
    return box.top >= top && box.bottom <= window.innerHeight;
  }

  function show(index) {
    if (index === current) return;
    if (current >= 0) {
      cues[current].element.classList.remove("current");
      cues[current].element.removeAttribute("aria-current");
    }
    current = index;
    if (index < 0) return;
    const element = cues[index].element;
    element.classList.add("current");
    element.setAttribute("aria-current", "true");
    if (!visible(element)) {
      element.scrollIntoView({ block: "center", behavior: reduceMotion.matches ? "auto" : "smooth" });
    }
  }

  function update() { show(indexAt(audio.currentTime)); }

  let frame = 0;
  function tick() { update(); frame = audio.paused ? 0 : requestAnimationFrame(tick); }
  audio.addEventListener("play", () => { if (!frame) frame = requestAnimationFrame(tick); });
  ["timeupdate", "seeked", "loadedmetadata"].forEach((name) => audio.addEventListener(name, update));
  ["play", "pause"].forEach((name) => audio.addEventListener(name, () => {
    if (toggle) toggle.textContent = audio.paused ? "Lecture" : "Pause";
  }));

  function seek(index) {
    if (index < 0 || index >= cues.length) return;
    audio.currentTime = cues[index].start + 0.001;
    show(index);
  }
  function step(direction, headingsOnly) {
    const from = current < 0 ? indexAt(audio.currentTime) : current;
    for (let i = from + direction; i >= 0 && i < cues.length; i += direction) {
      if (!headingsOnly || cues[i].heading) { seek(i); return; }
    }
  }
  function playPause() { if (audio.paused) audio.play().catch(() => {}); else audio.pause(); }

  const actions = {
    toggle: playPause,
    next: () => step(1, false),
    previous: () => step(-1, false),
    "next-section": () => step(1, true),
    "previous-section": () => step(-1, true),
  };
  if (controls) {
    controls.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (button) actions[button.dataset.action]();
    });
  }
  if (text) {
    text.addEventListener("click", (event) => {
      const element = event.target.closest(".cue");
      if (!element) return;
      const index = cues.findIndex((cue) => cue.element === element);
      seek(index);
      if (audio.paused) audio.play().catch(() => {});
    });
  }
  document.addEventListener("keydown", (event) => {
    if (shortcuts && !shortcuts.checked) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, button, audio, [contenteditable]")) return;
    const keys = { k: "toggle", l: "next", j: "previous", L: "next-section", J: "previous-section" };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    actions[action]();
  });
  update();
})();
