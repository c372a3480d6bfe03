/** One section of the /embed demo page: a title, a sentence, and the HTML a portal pastes. */
export interface EmbedSection {
  id: string;
  title: string;
  description: string;
  /** The copy-paste snippet, also rendered live on the page. */
  snippet: string;
}

/** The pictures' sections of /embed (cooperation, funding flows); filled by the pictures work. */
export const PICTURE_SECTIONS: EmbedSection[] = [];
