(anchor) => {
  // After the Documents view shows a document, scroll its text panel to the target clause
  // (which renders a moment later) and keep the panel itself in sight.
  if (!anchor) return;
  let tries = 0;
  const land = () => {
    const section = document.getElementById(anchor);
    const panel = document.getElementById("pa-text-panel");
    if (!section || !panel || section.offsetParent === null) {
      if (tries++ < 50) setTimeout(land, 100);
      return;
    }
    panel.scrollTop += section.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
    const top = panel.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) window.scrollBy(0, top - 100);
  };
  setTimeout(land, 50);
}
