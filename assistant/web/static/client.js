() => {
  // A citation's "open in document" link asks the server to show that clause in the Documents view;
  // outline links scroll within the document. Both are handled here so the page never reloads.
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const link = target && target.closest("a.pa-open");
      if (link) {
        event.preventDefault();
        event.stopPropagation();
        const url = new URL(link.getAttribute("href"), window.location.href);
        window.__paNavigate = JSON.stringify({
          doc: url.searchParams.get("doc") || "",
          clause: url.searchParams.get("clause") || "",
        });
        const go = document.querySelector("#pa-nav-go button, button#pa-nav-go, #pa-nav-go");
        if (go) go.click();
        return;
      }
      const item = target && target.closest("a.pa-outline-item");
      if (item) {
        event.preventDefault();
        const section = document.getElementById(item.dataset.anchor);
        const panel = document.getElementById("pa-text-panel");
        if (section && panel) {
          const offset = section.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
          panel.scrollBy({ top: offset, behavior: "smooth" });
        }
      }
    },
    true,
  );
}
