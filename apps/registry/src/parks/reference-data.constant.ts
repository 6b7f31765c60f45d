import type { COUNTY_KINDS, PARK_LEVELS } from '@daiban/contracts';

/**
 * 湛江's counties/districts (GB/T 2260 division codes) and the two functional zones the city reports
 * like counties. The zones have no division code of their own, so they get stable letter codes:
 * ZJETDZ = 湛江经济技术开发区 (Zhanjiang Economic and Technological Development Zone),
 * FYHTZ = 奋勇高新区 (Fenyong High-tech Zone). Never renumber: user scopes and events name them.
 */
export const SEED_COUNTIES: ReadonlyArray<{
  code: string;
  name: string;
  kind: (typeof COUNTY_KINDS)[number];
}> = [
  { code: '440802', name: '赤坎区', kind: 'district' },
  { code: '440803', name: '霞山区', kind: 'district' },
  { code: '440804', name: '坡头区', kind: 'district' },
  { code: '440811', name: '麻章区', kind: 'district' },
  { code: '440823', name: '遂溪县', kind: 'county' },
  { code: '440825', name: '徐闻县', kind: 'county' },
  { code: '440881', name: '廉江市', kind: 'county_city' },
  { code: '440882', name: '雷州市', kind: 'county_city' },
  { code: '440883', name: '吴川市', kind: 'county_city' },
  { code: 'ZJETDZ', name: '湛江经济技术开发区', kind: 'functional_zone' },
  { code: 'FYHTZ', name: '奋勇高新区', kind: 'functional_zone' },
];

/** The parks of DOMAIN.md (public reports, to verify with the city); ids are stable slugs. */
export const SEED_PARKS: ReadonlyArray<{
  id: string;
  name: string;
  countyCode: string;
  level: (typeof PARK_LEVELS)[number];
  description: string;
}> = [
  {
    id: 'park-zjkfq',
    name: '湛江产业转移工业园',
    countyCode: 'ZJETDZ',
    level: 'provincial',
    description: '东海岛；宝钢湛江钢铁、中科炼化、巴斯夫',
  },
  {
    id: 'park-zjgxq',
    name: '湛江高新技术产业开发区',
    countyCode: '440802',
    level: 'national',
    description: '',
  },
  {
    id: 'park-xslg',
    name: '霞山临港产业转移工业园',
    countyCode: '440803',
    level: 'provincial',
    description: '含华港小区',
  },
  {
    id: 'park-mzjk',
    name: '麻章经济开发区',
    countyCode: '440811',
    level: 'provincial',
    description: '含森工产业园',
  },
  {
    id: 'park-ptkj',
    name: '坡头区科技产业园',
    countyCode: '440804',
    level: 'provincial',
    description: '含海东新区产业转移集聚地',
  },
  {
    id: 'park-ljsd',
    name: '佛山顺德（廉江）产业转移工业园',
    countyCode: '440881',
    level: 'provincial',
    description: '含廉江高新区',
  },
  {
    id: 'park-wchy',
    name: '吴川华昱产业转移工业园',
    countyCode: '440883',
    level: 'provincial',
    description: '含吴川经济开发区',
  },
  {
    id: 'park-sxgy',
    name: '遂溪工业园',
    countyCode: '440823',
    level: 'provincial',
    description: '含遂溪产业转移集聚地',
  },
  {
    id: 'park-lzlg',
    name: '雷州临港工业园',
    countyCode: '440882',
    level: 'provincial',
    description: '含乌石产业转移集聚地',
  },
  {
    id: 'park-xwcy',
    name: '徐闻产业转移工业园',
    countyCode: '440825',
    level: 'provincial',
    description: '含徐闻生态工业集聚区',
  },
  {
    id: 'park-fygx',
    name: '奋勇高新区产业转移集聚地',
    countyCode: 'FYHTZ',
    level: 'provincial',
    description: '',
  },
];
