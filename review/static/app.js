// paperdesk review page: run with progress polling, drag-and-drop upload. No external code.
(function () {
  "use strict";
  const token = () => document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);

  function post(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "X-Requested-With": "fetch", "Accept": "application/json" } });
  }

  // ------------------------------------------------------------ re-run with progress
  let polling = false, startedHere = false;
  function show(s) {
    const bar = $("run-bar"), box = $("run-progress"), msg = $("run-message"), btn = $("run-button");
    if (!bar) return;
    if (s.running) {
      box.hidden = false;
      const pct = s.total ? Math.round(100 * s.done / s.total) : 5;
      bar.style.width = pct + "%";
      msg.textContent = (s.label || "处理中") + "：" + (s.message || "") + (s.total ? "（" + s.done + "/" + s.total + "）" : "");
      btn.disabled = true;
    } else {
      btn.disabled = false;
      if (s.error) { box.hidden = true; msg.textContent = s.error; msg.className = "run-message red"; }
      else if (s.finished && startedHere) { bar.style.width = "100%"; msg.textContent = "处理完成，正在刷新…"; }
    }
  }
  function poll() {
    if (polling) return;
    polling = true;
    const tick = () => fetch("/run/status.json", { headers: { "Accept": "application/json" } })
      .then((r) => r.json()).then((s) => {
        show(s);
        if (s.running) { setTimeout(tick, 800); return; }
        polling = false;
        if (startedHere && !s.error) setTimeout(() => location.reload(), 600);
      }).catch(() => { polling = false; });
    tick();
  }
  document.addEventListener("submit", (ev) => {
    const form = ev.target;
    if (!form.classList.contains("js-run")) return;
    ev.preventDefault();
    startedHere = true;
    post(form.action, new FormData(form)).then((r) => r.json()).then((j) => {
      if (!j.started) { $("run-message").textContent = "已有处理在进行中，请稍候。"; }
      poll();
    });
  });

  // ------------------------------------------------------------ drag and drop upload
  function upload(files) {
    const list = $("upload-result");
    const fd = new FormData();
    for (const f of files) { fd.append("files", f, f.name); fd.append("mtime", String(f.lastModified || "")); }
    list.innerHTML = "<li>正在上传 " + files.length + " 个文件…</li>";
    post("/upload", fd).then((r) => r.json().catch(() => ({ error: r.status === 413 ? "上传的文件太大。" : "上传失败（" + r.status + "）" })))
      .then((j) => {
        list.innerHTML = "";
        const add = (text, cls) => { const li = document.createElement("li"); li.textContent = text; if (cls) li.className = cls; list.appendChild(li); };
        if (j.error) add(j.error, "red");
        (j.saved || []).forEach((s) => add("已保存：" + s));
        (j.refused || []).forEach((x) => add("未保存“" + x.name + "”：" + x.reason, "red"));
        if ((j.saved || []).length) add("上传完成。点击页面顶部“重新处理”以处理新文件。");
      }).catch(() => { list.innerHTML = ""; const li = document.createElement("li"); li.className = "red"; li.textContent = "上传失败：无法连接到本机服务。"; list.appendChild(li); });
  }
  document.addEventListener("DOMContentLoaded", () => {
    const zone = $("dropzone");
    if (zone) {
      ["dragenter", "dragover"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add("over"); }));
      ["dragleave", "drop"].forEach((t) => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.remove("over"); }));
      zone.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) upload(e.dataTransfer.files); });
      $("file-input").addEventListener("change", (e) => {
        const n = e.target.files.length;
        $("picked").textContent = n ? "已选择 " + n + " 个文件" : "未选择文件";
      });
      zone.addEventListener("submit", (e) => {
        const input = $("file-input");
        if (input.files.length) { e.preventDefault(); upload(input.files); input.value = ""; $("picked").textContent = "未选择文件"; }
      });
    }
    if ($("run-bar")) fetch("/run/status.json", { headers: { "Accept": "application/json" } })
      .then((r) => r.ok ? r.json() : null).then((s) => { if (s && s.running) poll(); });
  });
})();
