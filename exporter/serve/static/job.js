// A submission's page: ask the server where the conversion is, until it is over.
"use strict";
(function () {
  const box = document.getElementById("travail");
  if (!box) return;
  const state = document.getElementById("etat");
  const progress = document.getElementById("avance");
  const error = document.getElementById("erreur");
  const result = document.getElementById("resultat");
  const link = document.getElementById("lien");
  const stages = {
    parse: "lecture de l’article", mp3: "narration (MP3)", "mp3-sections": "un MP3 par partie",
    m4b: "livre audio (M4B)", epub: "livre numérique (EPUB)", summary: "résumé en français facile",
    transcript: "transcription",
  };
  let last = "";
  function say(message) { if (message !== last) { state.textContent = message; last = message; } }

  async function poll() {
    let data;
    try {
      const response = await fetch(box.dataset.status, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (problem) {
      say("Le serveur ne répond pas ; nouvel essai…");
      setTimeout(poll, 2000);
      return;
    }
    box.dataset.state = data.state;
    if (data.state === "done") {
      progress.value = 1;
      say("Terminé : l’article est dans la bibliothèque.");
      link.href = data.url;
      if (data.title) link.textContent = "Ouvrir l’article « " + data.title + " »";
      result.hidden = false;
      return;
    }
    if (data.state === "failed") {
      progress.value = 1;
      say("La conversion a échoué.");
      error.textContent = data.error + (data.hint ? " — " + data.hint : "");
      error.hidden = false;
      return;
    }
    if (data.state === "queued") say("En attente d’un emplacement libre…");
    else if (data.state === "recording") say("Enregistrement dans la bibliothèque…");
    else {
      const stage = stages[data.stage] || data.stage || "préparation";
      const count = data.total ? " (" + data.done + " / " + data.total + " phrases)" : "";
      say("Conversion en cours : " + stage + count + ".");
      if (data.total) progress.value = data.done / data.total; else progress.removeAttribute("value");
    }
    setTimeout(poll, 400);
  }
  if (box.dataset.state !== "done" && box.dataset.state !== "failed") poll();
})();
