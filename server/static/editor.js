// The SPARQL query page: a CodeMirror 5 editor over the plain text box (when the server has
// CodeMirror installed), the "Add the PREFIX lines" button, canned queries loaded into the
// editor, the results kept in view after Run, and the line of a syntax error marked. Without
// this script the page still works: the text box is submitted as is and the canned queries
// are links that run them.
(function () {
  "use strict";

  var MAX_GET_LENGTH = 6000; // longer queries are POSTed, which the endpoint also accepts

  function start() {
    var textarea = document.getElementById("query-editor");
    var form = document.getElementById("query-form");
    if (!textarea || !form) {
      return;
    }
    var editor = null;

    if (window.CodeMirror) {
      var label = document.querySelector("label[for='query-editor']");
      editor = window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query",
        lineNumbers: true,
        matchBrackets: true,
        indentUnit: 2,
        viewportMargin: Infinity,
        screenReaderLabel: label ? label.textContent : "SPARQL",
        extraKeys: {
          "Ctrl-Enter": function () { submit(); },
          "Cmd-Enter": function () { submit(); },
          // Tab leaves the editor, as in any form field (no keyboard trap);
          // Ctrl-] and Ctrl-[ indent instead.
          "Tab": false,
          "Shift-Tab": false
        }
      });
      editor.getWrapperElement().classList.add("cm-wrap");
      editor.getWrapperElement().id = "query-codemirror";
      var help = document.getElementById("editor-help");
      if (help) {
        help.hidden = false;
      }
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit();
        }
      });
    }

    function getText() {
      return editor ? editor.getValue() : textarea.value;
    }

    function setText(text) {
      if (editor) {
        editor.setValue(text);
        editor.focus();
        editor.setCursor(editor.lineCount() - 1, 0);
      } else {
        textarea.value = text;
        textarea.focus();
      }
    }

    function submit() {
      if (editor) {
        editor.save();
      }
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        prepare();
        form.submit();
      }
    }

    function prepare() {
      if (editor) {
        editor.save();
      }
      form.method = encodeURIComponent(textarea.value).length > MAX_GET_LENGTH ? "post" : "get";
    }

    form.addEventListener("submit", prepare);

    // "Add the PREFIX lines": those of the list that the query does not declare yet, on top.
    var insert = document.getElementById("insert-prefixes");
    var list = document.getElementById("prefix-lines");
    if (insert && list) {
      insert.hidden = false;
      insert.addEventListener("click", function () {
        var text = getText();
        var declared = {};
        var pattern = /^\s*PREFIX\s+([^\s:]*):/gim;
        var found;
        while ((found = pattern.exec(text)) !== null) {
          declared[found[1].toLowerCase()] = true;
        }
        var missing = list.textContent.split("\n").filter(function (line) {
          var name = /^PREFIX\s+([^\s:]*):/i.exec(line);
          return name !== null && !declared[name[1].toLowerCase()];
        });
        if (missing.length === 0) {
          return;
        }
        if (editor) {
          editor.replaceRange(missing.join("\n") + "\n", { line: 0, ch: 0 });
          editor.focus();
        } else {
          textarea.value = missing.join("\n") + "\n" + text;
          textarea.focus();
        }
      });
    }

    // Canned queries: a plain click loads the query into the editor instead of running it.
    var links = document.querySelectorAll("#canned-queries a.canned-query");
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey ||
            event.altKey) {
          return; // a new tab or window runs it, as the link says
        }
        var query = new URL(link.href, window.location.href).searchParams.get("query");
        if (query === null) {
          return;
        }
        event.preventDefault();
        var format = document.getElementById("format");
        if (format) {
          format.value = "";
        }
        setText(query);
        form.scrollIntoView({ block: "start" });
      });
    });

    // A syntax error names its line and column: put the cursor there and mark the line.
    var error = document.getElementById("query-error");
    if (error && error.dataset.line) {
      var line = parseInt(error.dataset.line, 10) - 1;
      var column = Math.max(0, parseInt(error.dataset.column || "1", 10) - 1);
      if (editor && line >= 0 && line < editor.lineCount()) {
        editor.addLineClass(line, "background", "cm-error-line");
        editor.setCursor({ line: line, ch: column });
      }
    }

    // Run sends the browser to #answer, the results or the error; the editor, replacing the
    // text box above them, has moved them since the browser scrolled there.
    var answer = window.location.hash ? document.getElementById(window.location.hash.slice(1))
                                      : null;
    if (editor && answer) {
      answer.scrollIntoView({ block: "start" });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
