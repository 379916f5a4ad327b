/**
 * The article feedback's follow-up styles (site/styles/feedback.css), added
 * when the feedback island's code arrives: the follow-up shows only after a
 * visitor answers "No", so article pages do not carry them inline. A
 * top-level await, as for the chat (site/chat/styles.ts): nothing renders
 * unstyled.
 */
import href from '../styles/feedback.css?url';
import { addStylesheet } from '../styles/stylesheet.ts';

await addStylesheet(href);
