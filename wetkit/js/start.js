/* Runs after every module has registered (the bundle's last part); the script tag is deferred. */
window.wetkit.initAll(document);
