// Roster's few behaviours that need a script; every page works without it (it only adds comfort).
(function () {
  'use strict';

  // "Copier le message": copies the text of the element named by data-copy, and says so.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(button.getAttribute('data-copy-status'));
    if (!source) {
      return;
    }
    var text = source.value !== undefined ? source.value : source.textContent;
    var done = function () {
      if (status) {
        status.textContent = button.getAttribute('data-copied');
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        source.select();
      });
    } else {
      source.select();
      document.execCommand('copy');
      done();
    }
  });

  // A file larger than the import accepts is refused before it travels.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches('input[type="file"][data-max-bytes]') || !input.files.length) {
      return;
    }
    var tooLarge = input.files[0].size > Number(input.getAttribute('data-max-bytes'));
    input.setCustomValidity(tooLarge ? input.getAttribute('data-too-large') : '');
    input.reportValidity();
  });
})();
