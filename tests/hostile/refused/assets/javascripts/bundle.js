window.__xss = "bundle";
