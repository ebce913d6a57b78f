// Agensium Scheduler dashboard: live updates over server-sent events, no framework, no build step.
// "task" events move progress bars and statuses at once; status changes and periodic "tick" events re-read the
// page's live sections ([data-live]) from the server and swap them in place.
(function () {
  "use strict";

  // A notice shown after an action is not shown again on reload.
  if (/[?&](notice|error)=/.test(location.search)) {
    const url = new URL(location.href);
    url.searchParams.delete("notice");
    url.searchParams.delete("error");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  document.addEventListener("submit", function (e) {
    const message = e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      e.preventDefault();
    }
  });

  const terminal = new Set(["COMPLETED", "FAILED", "CANCELLED", "EXPIRED"]);
  let refreshTimer = null;
  let refreshing = false;

  function each(selector, id, fn) {
    document.querySelectorAll(selector).forEach(function (el) {
      if (el.getAttribute(selector.slice(1, selector.indexOf("]"))) === id) fn(el);
    });
  }

  function applyTask(ev) {
    const id = ev.task_id;
    let changed = false;
    each("[data-task]", id, function (el) {
      if (el.tagName === "PROGRESS") el.value = ev.progress;
    });
    each("[data-task-pct]", id, function (el) { el.textContent = ev.progress + "%"; });
    each("[data-task-agent]", id, function (el) { el.textContent = ev.current_agent || ""; });
    each("[data-task-status]", id, function (el) {
      if (el.textContent !== ev.status) {
        changed = true;
        el.innerHTML = "";
        const badge = document.createElement("span");
        badge.className = "status s-" + ev.status.toLowerCase();
        badge.textContent = ev.status;
        el.appendChild(badge);
      }
    });
    if (changed || terminal.has(ev.status) || ev.status === "QUEUED" || ev.status === "PROCESSING") scheduleRefresh(300);
  }

  // At most one re-read a second, however many events arrive.
  let lastRefresh = 0;
  function scheduleRefresh(delay) {
    if (refreshTimer) return;
    const wait = Math.max(delay, 1000 - (Date.now() - lastRefresh));
    refreshTimer = setTimeout(function () { refreshTimer = null; lastRefresh = Date.now(); refresh(); }, wait);
  }

  function editing(section) {
    const active = document.activeElement;
    return active && section.contains(active) && (active.tagName === "INPUT" || active.tagName === "SELECT");
  }

  async function refresh() {
    if (refreshing || document.hidden) return;
    const sections = document.querySelectorAll("[data-live]");
    if (sections.length === 0) return;
    refreshing = true;
    try {
      const response = await fetch(location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
      if (response.redirected && response.url.indexOf("/dashboard/login") >= 0) {
        location.reload();
        return;
      }
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      sections.forEach(function (section) {
        const fresh = doc.getElementById(section.id);
        if (fresh && !editing(section) && fresh.innerHTML !== section.innerHTML) section.innerHTML = fresh.innerHTML;
      });
      document.body.setAttribute("data-refreshed", String(Date.now()));
    } catch (e) {
      // The node may be restarting; the next tick tries again.
    } finally {
      refreshing = false;
    }
  }

  const live = document.getElementById("live");
  if (!live || !window.EventSource) return;
  const source = new EventSource("/dashboard/events");
  source.addEventListener("open", function () { live.className = "live on"; live.title = "live updates on"; });
  source.addEventListener("error", function () { live.className = "live off"; live.title = "live updates reconnecting"; });
  source.addEventListener("task", function (e) {
    try { applyTask(JSON.parse(e.data)); } catch (err) { /* a malformed event is ignored */ }
  });
  source.addEventListener("tick", function () { scheduleRefresh(0); });
  document.addEventListener("visibilitychange", function () { if (!document.hidden) scheduleRefresh(0); });
})();
