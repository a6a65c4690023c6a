// Copies what tsc does not: node and credential icons (SVG/PNG) and codex files (*.node.json).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyAssets;
exports.default = copyAssets;
