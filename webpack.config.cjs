/* eslint-disable @typescript-eslint/no-require-imports */
// Builds the deployable folder (dist/site): the standalone web page
// (index.html + its worker; no Office.js, nothing from another host), the
// Excel task pane (taskpane.html), the ribbon commands (commands.html), the
// custom functions (functions.js + functions.json + functions.html), and the
// add-in manifest with its icons.
//
//   webpack --config webpack.config.cjs --mode production      deployable folder
//   webpack serve --config webpack.config.cjs --mode development   https://localhost:3000 (dev certs)
//
// Environment:
//   ADDIN_BASE_URL   production: where dist/site is hosted (https://…/); replaces
//                    https://localhost:3000/ in manifest.xml
//   OFFICE_JS_CDN    "china" for the 21Vianet (世纪互联) CDN; default Microsoft's
//   VF_OUT           output folder (default dist/site)
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_BASE_URL = 'https://localhost:3000/';
const OFFICE_JS = {
  worldwide: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};
const CUSTOM_FUNCTIONS_RUNTIME = {
  worldwide: 'https://appsforoffice.microsoft.com/lib/1/hosted/custom-functions-runtime.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/custom-functions-runtime.js',
};

const root = __dirname;
const src = (p) => path.join(root, 'src', p);
const exists = (p) => fs.existsSync(p);

function baseUrl(production) {
  if (!production) return DEV_BASE_URL;
  const raw = process.env.ADDIN_BASE_URL;
  if (!raw) {
    console.warn(
      '[webpack] ADDIN_BASE_URL is not set: manifest.xml keeps https://localhost:3000/ (fine for local testing, not for deployment).',
    );
    return DEV_BASE_URL;
  }
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:') console.warn(`[webpack] ADDIN_BASE_URL should be https (Office loads add-ins only over https): ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode ?? 'production';
  const production = mode === 'production';
  // --env cdn=china or OFFICE_JS_CDN=china: Office.js from the 21Vianet (世纪互联) CDN.
  const cdn = (env.cdn ?? process.env.OFFICE_JS_CDN) === 'china' ? 'china' : 'worldwide';
  const out = path.resolve(root, process.env.VF_OUT ?? 'dist/site');

  const functionsTs = src('addin/functions.ts');
  const hasFunctions = exists(functionsTs);
  const hasManifest = exists(path.join(root, 'manifest.xml'));

  // --env only=web builds the web page alone (quick iterations, benchmarks).
  const webOnly = env.only === 'web';
  const addin = !webOnly;

  const entry = {
    web: src('web/index.tsx'),
    ...(addin ? { taskpane: src('addin/taskpane/index.tsx'), commands: src('addin/commands/commands.ts') } : {}),
    ...(addin && hasFunctions ? { functions: functionsTs } : {}),
  };

  const plugins = [
    new HtmlWebpackPlugin({
      filename: 'index.html',
      template: src('web/index.html'),
      chunks: ['web'],
      scriptLoading: 'defer',
    }),
  ];
  if (addin)
    plugins.push(
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: src('addin/taskpane/taskpane.html'),
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        templateParameters: { officeJs: OFFICE_JS[cdn] },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: src('addin/commands/commands.html'),
        chunks: ['commands'],
        scriptLoading: 'defer',
        templateParameters: { officeJs: OFFICE_JS[cdn] },
      }),
    );

  if (addin && hasFunctions) {
    const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
    plugins.push(
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: functionsTs }),
      new HtmlWebpackPlugin({
        filename: 'functions.html',
        templateContent: ({ htmlWebpackPlugin }) =>
          `<!doctype html><html><head><meta charset="utf-8"><title>村级经费核算 函数</title>` +
          `<script src="${CUSTOM_FUNCTIONS_RUNTIME[cdn]}"></script>${htmlWebpackPlugin.tags.headTags}</head><body></body></html>`,
        chunks: ['functions'],
        inject: false,
      }),
    );
  }

  const copy = [];
  if (addin && hasManifest) {
    const target = baseUrl(production);
    copy.push({
      from: 'manifest*.xml',
      to: '[name][ext]',
      transform: (content) => (production ? content.toString().replaceAll(DEV_BASE_URL, target) : content),
    });
  }
  if (addin && exists(path.join(root, 'assets'))) copy.push({ from: 'assets', to: 'assets', noErrorOnMissing: true });
  if (copy.length) plugins.push(new CopyWebpackPlugin({ patterns: copy }));

  let devServer;
  if (argv.env?.WEBPACK_SERVE || env.WEBPACK_SERVE) {
    // Office needs https with a trusted certificate: office-addin-dev-certs makes and installs one
    // (it asks for sudo on Linux). VF_DEV_CERTS=none uses webpack-dev-server's own self-signed one.
    let server = { type: 'https' };
    if (process.env.VF_DEV_CERTS !== 'none') {
      try {
        const devCerts = require('office-addin-dev-certs');
        server = { type: 'https', options: await devCerts.getHttpsServerOptions() };
      } catch (e) {
        console.warn(
          `[webpack] no Office dev certificate (${e.message}); run "npx office-addin-dev-certs install". Serving with a self-signed certificate.`,
        );
      }
    }
    devServer = {
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      client: { overlay: { warnings: false, errors: true } },
    };
  }

  return {
    mode,
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    entry,
    target: ['web', 'es2020'],
    output: {
      path: out,
      clean: true,
      publicPath: 'auto',
      // functions.js keeps a fixed name: manifest.xml points at it.
      filename: (data) => (data.chunk?.name === 'functions' ? '[name].js' : production ? 'js/[name].[contenthash:8].js' : 'js/[name].js'),
      chunkFilename: production ? 'js/[name].[contenthash:8].js' : 'js/[name].js',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      // Sources import each other as ./x.js (NodeNext); the files are .ts/.tsx.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.join(root, 'tsconfig.json'),
              compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2020', declaration: false, sourceMap: true },
            },
          },
        },
      ],
    },
    performance: {
      hints: production ? 'warning' : false,
      // The web page's own budget is checked by the e2e test and the bench (250 KB gzipped).
      maxAssetSize: 1_200_000,
      maxEntrypointSize: 1_200_000,
      assetFilter: (f) => f.endsWith('.js'),
    },
    optimization: {
      // Entries never share a runtime chunk: each page stands alone.
      splitChunks: false,
    },
    plugins,
    devServer,
    stats: production ? 'errors-warnings' : 'minimal',
  };
};
