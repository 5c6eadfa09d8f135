// The standalone web page: same pane as the Excel add-in, over files.
import { createRoot } from 'react-dom/client';
import { App } from '../ui/App.js';
import { WebHost } from './web-host.js';

const lang = /^en\b/i.test(new URLSearchParams(location.search).get('lang') ?? '') ? 'en' : 'zh';
createRoot(document.getElementById('root')!).render(<App host={new WebHost(lang)} />);
