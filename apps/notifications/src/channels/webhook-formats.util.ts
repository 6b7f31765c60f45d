/** 企业微信 group robot: `msgtype: markdown`, content up to 4096 bytes. */
export function wecomMarkdown(title: string, body: string, footer: string) {
  return { msgtype: 'markdown', markdown: { content: `### ${title}\n${body}\n${footer}` } };
}

/** 钉钉 group robot: `msgtype: markdown` with a separate title (shown in the conversation list). */
export function dingtalkMarkdown(title: string, body: string, footer: string) {
  return {
    msgtype: 'markdown',
    markdown: { title, text: `### ${title}\n\n${body.replace(/\n/g, '\n\n')}\n\n${footer}` },
  };
}
