/**
 * The chat widget's stylesheet (site/styles/chat.css), added to the page when the
 * widget's code arrives rather than inlined into every page: the article page
 * stays within one small download, and only those who reach for the chat load
 * its styles. The launcher's few rules stay in the page (global.css), so it
 * looks right at first paint, also without JavaScript.
 *
 * The module waits for the stylesheet before it finishes loading (a
 * top-level await), so the widget's code, which imports it, renders nothing
 * unstyled: an open chat restored on the next page included.
 */
import href from '../styles/chat.css?url';
import { addStylesheet } from '../styles/stylesheet.ts';

await addStylesheet(href);
