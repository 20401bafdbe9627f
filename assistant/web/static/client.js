() => {
  // The copy button of an answer copies its reply and citations as plain text; without the clipboard
  // API (a page not served from this machine over plain HTTP) a hidden text area does it.
  const copyText = (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
    }
    return Promise.resolve(fallbackCopy(text));
  };
  const fallbackCopy = (text) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  };
  // A citation's "open in document" link asks the server to show that clause in the Documents view;
  // outline links scroll within the document. Both are handled here so the page never reloads.
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const copy = target && target.closest("button.pa-copy");
      if (copy) {
        event.preventDefault();
        event.stopPropagation();
        const source = copy.parentElement && copy.parentElement.querySelector(".pa-copy-text");
        copyText(source ? source.textContent : "").then(() => {
          const label = copy.dataset.label || copy.textContent;
          copy.dataset.label = label;
          copy.textContent = "已复制 · Copied";
          setTimeout(() => (copy.textContent = label), 1800);
        });
        return;
      }
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
