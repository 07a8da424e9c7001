setTimeout(function () { document.documentElement.dataset.late = "done"; }, 600);
