// Every unit test file: Chinese messages loaded, as the app loads them when Chinese is chosen
// (translate('zh', ...) otherwise falls back to English).
import { loadCatalogue } from '../../src/lib/i18n/translate';

await loadCatalogue('zh');
