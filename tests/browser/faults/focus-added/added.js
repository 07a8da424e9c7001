// A control inserted when the link is first focused: it is not in the page when the walk starts.
document.addEventListener("DOMContentLoaded", function () {
  var link = document.getElementById("more");
  link.addEventListener("focus", function () {
    if (document.getElementById("added")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.id = "added";
    button.textContent = "Show the fine print";
    link.parentNode.after(button);
  });
});
