setTimeout(function () { throw new Error("late failure"); }, 600);
