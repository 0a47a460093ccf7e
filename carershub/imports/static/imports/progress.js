// The import progress page: asks for the import's progress every 2 seconds and updates the bar in
// place, then moves on to the next page when the import's state changes. Without JavaScript the
// page has a "Check progress" button instead (a page that reloads itself every few seconds would
// move screen reader users back to the top each time: WCAG 2.2.1, failure F41).
const root = document.querySelector("[data-import-progress]");

if (root) {
  const bar = root.querySelector("progress");
  const text = root.querySelector("[data-progress-text]");
  const announcer = root.querySelector("[data-progress-announcer]");
  const manual = root.querySelector("[data-progress-refresh]");
  let lastQuarter = null;

  if (manual) {
    manual.hidden = true;
  }

  const poll = async () => {
    try {
      const response = await fetch(root.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.ok) {
        const progress = await response.json();
        if (progress.status !== root.dataset.status) {
          window.location.assign(progress.next_url);
          return;
        }
        if (progress.percent !== null) {
          bar.value = progress.percent;
          bar.textContent = `${progress.percent}%`;
          // Announce every quarter, not every poll, so a screen reader is not talked over.
          const quarter = Math.floor(progress.percent / 25);
          if (lastQuarter !== null && quarter !== lastQuarter) {
            announcer.textContent = progress.text;
          }
          lastQuarter = quarter;
        }
        text.textContent = progress.text;
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, 2000);
  };

  window.setTimeout(poll, 2000);
}
