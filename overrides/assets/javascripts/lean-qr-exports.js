/* lean-qr (vendor/lean-qr/index.js, unchanged) is a CommonJS file: it writes what it exports into an
   object named `exports`. The builder loads it as a classic script, because a module script does not
   load in the file:// preview, so this gives it that object; handout-builder.js takes it and removes
   the name. */
window.exports = {};
