import { TEMPLATES, type TemplateId } from './templates.catalog';
import { fill, renderTemplate } from './template.renderer';

describe('template catalog', () => {
  it('renders every template once all of its placeholders are given', () => {
    for (const id of Object.keys(TEMPLATES) as TemplateId[]) {
      const def = TEMPLATES[id];
      const names = [...`${def.title} ${def.body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
      const rendered = renderTemplate(id, params);
      expect(rendered.title).not.toMatch(/\{\w+\}/);
      expect(rendered.body).not.toMatch(/\{\w+\}/);
    }
  });

  it('refuses to render with a parameter missing', () => {
    expect(() => fill('「{title}」', {})).toThrow('template parameter "title" missing');
  });

  it('marks red rungs and 督办单 urgent, yellow not', () => {
    expect(TEMPLATES['reminder.yellow'].urgent).toBe(false);
    expect(TEMPLATES['reminder.red'].urgent).toBe(true);
    expect(TEMPLATES['supervision.issued'].urgent).toBe(true);
  });
});
