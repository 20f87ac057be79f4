// Loaded before decap-cms.js: editor.js starts the CMS itself, with the generated config.
window.CMS_MANUAL_INIT = true;
