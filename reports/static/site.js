// crtdiff site: filter the rows of any table marked data-filterable, from an input[data-filter].
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var hay = (row.getAttribute("data-search") || row.textContent).toLowerCase();
        row.hidden = needle !== "" && hay.indexOf(needle) === -1;
      });
    });
  });
});
