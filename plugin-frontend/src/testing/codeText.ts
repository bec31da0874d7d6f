/** The text of every code block on the page: syntax highlighting splits it over many elements. */
export function codeText(): string {
  return Array.from(document.querySelectorAll('code'))
    .map((code) => code.textContent)
    .join('\n');
}
