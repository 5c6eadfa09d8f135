/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the WPS 表格 add-in (npm run build:wps) into dist/wps:
//
//   dist/wps/jsaddons/                      copy into the user's jsaddons folder (docs/wps.md)
//     publish.xml                           lists the add-in, loaded from the folder beside it
//     village-funds_<version>/              the add-in: index.html (ribbon callbacks, cell functions),
//                                           ribbon.xml, manifest.xml, functions.json, taskpane.html, js/, images/
//   dist/wps/intranet/publish.xml           the same add-in served from an intranet web server
//                                           (WPS_ADDIN_URL: where village-funds_<version>/ is served)
//
// TypeScript compiles as for the web page and the Excel add-in (webpack.config.cjs's rules).
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const siteConfig = require('./webpack.config.cjs');
const { version } = require('./package.json');

const NAME = 'village-funds';
const root = __dirname;
const folder = `${NAME}_${version}`;
const out = path.resolve(root, process.env.VF_WPS_OUT ?? 'dist/wps');
// `node scripts/serve.js dist/wps/jsaddons/village-funds_<version>` serves the add-in folder there.
const DEFAULT_INTRANET_URL = 'http://127.0.0.1:8080/';

function intranetUrl() {
  const raw = process.env.WPS_ADDIN_URL;
  if (!raw) {
    console.warn(
      `[wps] WPS_ADDIN_URL is not set: intranet/publish.xml points at ${DEFAULT_INTRANET_URL} (fine for a local try, not for deployment).`,
    );
    return DEFAULT_INTRANET_URL;
  }
  const url = new URL(raw); // a malformed address stops the build
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

const xmlAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** jsaddons/publish.xml: offline add-in in the folder beside it (the form wpsjs's installer writes). */
function localPublishXml() {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n' +
    `  <jsplugin name="${NAME}" type="et" url="${folder}" version="${version}" enable="enable_dev" install="null" customDomain=""/>\n` +
    '</jsplugins>\n'
  );
}

/** intranet/publish.xml: online add-in loaded from the intranet server each time WPS starts. */
function intranetPublishXml() {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n' +
    `  <jspluginonline name="${NAME}" type="et" url="${xmlAttr(intranetUrl())}" enable="true"/>\n` +
    '</jsplugins>\n'
  );
}

/** functions.json in WPS's form ({functions:[{name, description, parameters:[{name, description, type}], result:{type}}]}),
 *  from the Excel add-in's metadata (src/addin/functions.json), so both describe the same functions. */
function wpsFunctionsJson() {
  const excel = JSON.parse(fs.readFileSync(path.join(root, 'src/addin/functions.json'), 'utf8'));
  const functions = excel.functions.map((f) => ({
    name: f.id,
    description: f.description,
    parameters: f.parameters.map((p) => ({ name: p.name, description: p.description, type: `${p.type ?? 'any'}${p.optional ? '?' : ''}` })),
    result: { type: f.result?.type ?? 'any' },
  }));
  return `${JSON.stringify({ functions }, null, 2)}\n`;
}

/** Writes the generated files once the bundle is emitted. */
class WpsLayoutPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('WpsLayoutPlugin', () => {
      const write = (rel, text) => {
        fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
        fs.writeFileSync(path.join(out, rel), text);
      };
      write(`jsaddons/${folder}/functions.json`, wpsFunctionsJson());
      write('jsaddons/publish.xml', localPublishXml());
      write('intranet/publish.xml', intranetPublishXml());
    });
  }
}

module.exports = async (_env = {}, argv = {}) => {
  const mode = argv.mode ?? 'production';
  const site = await siteConfig({ only: 'web' }, { mode });
  const addin = path.join(out, 'jsaddons', folder);
  return {
    mode,
    devtool: false,
    entry: {
      main: path.join(root, 'src/wps/addin/main.ts'),
      taskpane: path.join(root, 'src/wps/taskpane/index.tsx'),
    },
    // WPS's built-in browser is Chromium-based; es2020 as for the Excel pane.
    target: ['web', 'es2020'],
    output: {
      path: addin,
      clean: true,
      publicPath: 'auto',
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    resolve: site.resolve,
    module: site.module,
    optimization: { splitChunks: false },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'index.html',
        templateContent:
          '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>村级经费核算</title></head><body></body></html>',
        chunks: ['main'],
        scriptLoading: 'blocking',
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: path.join(root, 'src/wps/taskpane/taskpane.html'),
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'src/wps/addin/ribbon.xml', to: 'ribbon.xml' },
          { from: 'src/wps/addin/manifest.xml', to: 'manifest.xml' },
          { from: 'assets/icon-32.png', to: 'images/icon-32.png' },
        ],
      }),
      new WpsLayoutPlugin(),
    ],
    stats: 'errors-warnings',
  };
};
