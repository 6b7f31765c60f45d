import { TEMPLATES, type TemplateDefinition, type TemplateId } from './templates.catalog';

export type TemplateParams = Record<string, string | number>;

export interface RenderedMessage {
  template: TemplateId;
  category: TemplateDefinition['category'];
  urgent: boolean;
  title: string;
  body: string;
  smsCode: string;
  params: TemplateParams;
}

export function fill(text: string, params: TemplateParams): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`template parameter "${name}" missing`);
    return String(params[name]);
  });
}

export function renderTemplate(template: TemplateId, params: TemplateParams): RenderedMessage {
  const def: TemplateDefinition = TEMPLATES[template];
  return {
    template,
    category: def.category,
    urgent: def.urgent,
    title: fill(def.title, params),
    body: fill(def.body, params),
    smsCode: def.smsCode,
    params,
  };
}
