/**
 * Demo seed data for the catalog subgraph: a two-level category tree and a few
 * hundred Vietnamese grocery products with variants, VND prices and EAN-13
 * barcodes. Pure data plus small generators (slugs by the contract's slugify), deterministic.
 */

import { slugify } from '@basket/schema';

export interface DemoCategory {
  slug: string;
  parentSlug: string | null;
  nameVi: string;
  nameEn: string;
}

export interface DemoVariant {
  sku: string;
  unitVi: string;
  unitEn: string;
  priceVnd: number;
  barcode: string;
}

export interface DemoProduct {
  slug: string;
  categorySlug: string;
  vendor: 'A' | 'B';
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  perishable: boolean;
  shelfLifeDays: number | null;
  variants: DemoVariant[];
}

type Vendor = DemoProduct['vendor'];

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

function lcFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Shelf prices end in 500 đ below 100,000 đ and in 1,000 đ above. */
function roundPrice(vnd: number): number {
  const step = vnd >= 100_000 ? 1000 : 500;
  return Math.max(step, Math.round(vnd / step) * step);
}

/** Appends the EAN-13 check digit to a 12-digit body. */
function ean13(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

// 893 is GS1 Vietnam; each vendor gets its own (made-up) company number.
const GS1_VIETNAM = '893';
const VENDOR_COMPANY: Record<Vendor, string> = { A: '5012', B: '5027' };

const MAX_SKU_LENGTH = 64;

function makeSku(prefix: string, slug: string, unitCode: string): string {
  const room = MAX_SKU_LENGTH - prefix.length - unitCode.length - 2;
  const body = slug.toUpperCase().slice(0, room).replace(/-+$/, '');
  return `${prefix}-${body}-${unitCode}`;
}

// ---------------------------------------------------------------------------
// Units of sale
// ---------------------------------------------------------------------------

interface Unit {
  code: string; // SKU suffix, e.g. "500G", "CHAI-500ML", "LOC4-180ML"
  vi: string;
  en: string;
}

/** Vietnamese uses a decimal comma: 1,5 kg. */
const viNumber = (n: number): string => String(n).replace('.', ',');

/** g(500) → "500 g"; g(1500) → "1,5 kg" / "1.5 kg". */
function g(grams: number): Unit {
  if (grams < 1000) return { code: `${grams}G`, vi: `${grams} g`, en: `${grams} g` };
  const kg = grams / 1000;
  return { code: Number.isInteger(kg) ? `${kg}KG` : `${grams}G`, vi: `${viNumber(kg)} kg`, en: `${kg} kg` };
}

/** ml(330) → "330 ml"; ml(1500) → "1,5 lít" / "1.5 l". */
function ml(millilitres: number): Unit {
  if (millilitres < 1000) return { code: `${millilitres}ML`, vi: `${millilitres} ml`, en: `${millilitres} ml` };
  const litres = millilitres / 1000;
  return {
    code: Number.isInteger(litres) ? `${litres}L` : `${millilitres}ML`,
    vi: `${viNumber(litres)} lít`,
    en: `${litres} l`,
  };
}

const CONTAINERS = {
  bo: ['bó', 'bunch'],
  khay: ['khay', 'tray'],
  goi: ['gói', 'pack'],
  tui: ['túi', 'bag'],
  hop: ['hộp', 'box'],
  hopGiay: ['hộp', 'carton'],
  chai: ['chai', 'bottle'],
  lon: ['lon', 'can'],
  hu: ['hũ', 'jar'],
  ly: ['ly', 'cup'],
  can: ['can', 'jug'],
  tuyp: ['tuýp', 'tube'],
  thanh: ['thanh', 'bar'],
  cuc: ['cục', 'bar'],
  cai: ['cái', 'piece'],
  o: ['ổ', 'loaf'],
  trai: ['trái', 'whole fruit'],
  conGa: ['con', 'whole bird'],
  conCa: ['con', 'whole fish'],
  loc: ['lốc', 'pack'],
  thung: ['thùng', 'case'],
} as const;
type Container = keyof typeof CONTAINERS;

/** Pieces counted inside an outer container; an empty English plural reads "box of 10". */
const PIECES = {
  qua: ['quả', ''],
  trai: ['trái', ''],
  cai: ['cái', ''],
  mieng: ['miếng', ''],
  hop: ['hộp', ''],
  o: ['ổ', 'loaves'],
  lon: ['lon', 'cans'],
  chai: ['chai', 'bottles'],
  ly: ['ly', 'cups'],
  goi: ['gói', 'packs'],
  sachet: ['gói', 'sachets'],
  tuiLoc: ['túi lọc', 'tea bags'],
  que: ['que', 'bars'],
  cuon: ['cuộn', 'rolls'],
  to: ['tờ', 'sheets'],
} as const;
type Piece = keyof typeof PIECES;

const containerCode = (c: Container): string => slugify(CONTAINERS[c][0]).toUpperCase();

/** pack('chai', ml(500)) → "chai 500 ml" / "500 ml bottle". */
function pack(c: Container, size: Unit): Unit {
  const [vi, en] = CONTAINERS[c];
  return { code: `${containerCode(c)}-${size.code}`, vi: `${vi} ${size.vi}`, en: `${size.en} ${en}` };
}

/** each('trai') → "trái" / "each". */
function each(c: Container): Unit {
  return { code: containerCode(c), vi: CONTAINERS[c][0], en: 'each' };
}

/**
 * multi('hop', 10, 'qua') → "hộp 10 quả" / "box of 10";
 * multi('loc', 4, 'hop', ml(180)) → "lốc 4 hộp 180 ml" / "pack of 4 × 180 ml".
 */
function multi(outer: Container, count: number, piece: Piece, size?: Unit): Unit {
  const [outerVi, outerEn] = CONTAINERS[outer];
  const [pieceVi, pieceEn] = PIECES[piece];
  return {
    code: `${containerCode(outer)}${count}${size ? `-${size.code}` : ''}`,
    vi: `${outerVi} ${count} ${pieceVi}${size ? ` ${size.vi}` : ''}`,
    en: size ? `${outerEn} of ${count} × ${size.en}` : `${outerEn} of ${count}${pieceEn ? ` ${pieceEn}` : ''}`,
  };
}

// ---------------------------------------------------------------------------
// Description building blocks
// ---------------------------------------------------------------------------

const STORAGE = {
  chill: { vi: 'Bảo quản ngăn mát 2–5°C.', en: 'Keep refrigerated at 2–5°C.' },
  frozen: { vi: 'Bảo quản ngăn đá ở -18°C hoặc lạnh hơn.', en: 'Keep frozen at -18°C or below.' },
  ripen: { vi: 'Để nơi thoáng mát, cho vào ngăn mát khi trái đã chín.', en: 'Keep at room temperature and refrigerate once ripe.' },
  dry: { vi: 'Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.', en: 'Store in a cool, dry place away from direct sunlight.' },
  opened: { vi: 'Đậy kín nắp sau khi mở và để nơi thoáng mát.', en: 'Close tightly after opening and store in a cool place.' },
  uht: {
    vi: 'Để nơi thoáng mát; sau khi mở, giữ lạnh và dùng trong 2 ngày.',
    en: 'Store in a cool place; once opened, refrigerate and use within 2 days.',
  },
  cold: { vi: 'Ngon hơn khi uống lạnh.', en: 'Best served chilled.' },
  sameDay: { vi: 'Ngon nhất khi dùng trong ngày.', en: 'Best enjoyed on the day of purchase.' },
  eggs: { vi: 'Bảo quản nơi thoáng mát hoặc trong ngăn mát.', en: 'Store in a cool place or in the fridge.' },
  kids: { vi: 'Để xa tầm tay trẻ em.', en: 'Keep out of reach of children.' },
};
type Storage = keyof typeof STORAGE;

/** A sentence template; `origin` is only passed when the name does not already mention it. */
type Phrase = (name: string, origin?: string) => string;
const blurb = (vi: Phrase, en: Phrase) => ({ vi, en });

const BLURBS = {
  produce: blurb(
    (n, o) => `${n}${o ? ` trồng tại ${o}` : ''}, thu hoạch và đóng gói trong ngày.`,
    (n, o) => `${n}${o ? ` grown in ${o}` : ''}, harvested and packed on the same day.`,
  ),
  fruit: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, tuyển chọn kỹ, chín tự nhiên.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, carefully selected and naturally ripened.`,
  ),
  meat: blurb(
    (n) => `${n} tươi, pha lóc và đóng khay trong ngày.`,
    (n) => `${n}, freshly cut and packed in trays on the day.`,
  ),
  seafood: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''} tươi, sơ chế sạch và giao trong ngày.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, cleaned and delivered fresh on the day.`,
  ),
  deli: blurb(
    (n) => `${n} làm từ nguyên liệu tươi, tiện dùng cho bữa cơm gia đình.`,
    (n) => `${n}, made from fresh ingredients and ready for family meals.`,
  ),
  milk: blurb(
    (n) => `${n}, giàu canxi và đạm cho cả gia đình.`,
    (n) => `${n}, rich in calcium and protein for the whole family.`,
  ),
  yogurt: blurb(
    (n) => `${n} lên men tự nhiên, tốt cho tiêu hóa.`,
    (n) => `${n}, naturally fermented and good for digestion.`,
  ),
  cheese: blurb(
    (n, o) => `${n}${o ? ` nhập khẩu từ ${o}` : ''}, dùng cho bữa sáng, làm bánh và nấu ăn.`,
    (n, o) => `${n}${o ? ` imported from ${o}` : ''}, great for breakfast, baking and cooking.`,
  ),
  eggs: blurb(
    (n) => `${n} từ trang trại đạt chuẩn, vỏ sạch, đóng hộp cẩn thận.`,
    (n) => `${n} from certified farms, cleaned and carefully boxed.`,
  ),
  rice: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, hạt dẻo thơm khi nấu.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, soft and fragrant when cooked.`,
  ),
  noodles: blurb(
    (n) => `${n}, nấu nhanh, tiện lợi cho bữa ăn hằng ngày.`,
    (n) => `${n}, quick to cook and handy for everyday meals.`,
  ),
  pantry: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, tiện dự trữ trong gian bếp.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, a handy pantry staple.`,
  ),
  sauce: blurb(
    (n, o) => `${n}${o ? ` sản xuất tại ${o}` : ''}, giúp món ăn thêm đậm đà.`,
    (n, o) => `${n}${o ? ` made in ${o}` : ''}, adds depth of flavour to everyday cooking.`,
  ),
  oil: blurb(
    (n, o) => `${n}${o ? ` nhập khẩu từ ${o}` : ''}, phù hợp để chiên, xào và trộn salad.`,
    (n, o) => `${n}${o ? ` imported from ${o}` : ''}, suitable for frying, stir-frying and dressings.`,
  ),
  coffee: blurb(
    (n, o) => `${n}${o ? ` từ vùng ${o}` : ''}, hương thơm đậm đà cho ly cà phê mỗi ngày.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, rich and aromatic for your daily cup.`,
  ),
  tea: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, hương vị thanh mát, thư giãn mỗi ngày.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, a mellow, refreshing brew for every day.`,
  ),
  drink: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, giải khát nhanh chóng.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, refreshing at any time of day.`,
  ),
  beer: blurb(
    (n) => `${n} chỉ bán cho khách hàng từ 18 tuổi trở lên.`,
    (n) => `${n} is sold only to customers aged 18 and over.`,
  ),
  snack: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, món ăn vặt thơm ngon cho cả nhà.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, a tasty treat for the whole family.`,
  ),
  bakery: blurb(
    (n) => `${n} được làm mới mỗi ngày.`,
    (n) => `${n}, made fresh every day.`,
  ),
  frozen: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, cấp đông nhanh giữ trọn độ tươi ngon.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, quick-frozen to lock in freshness.`,
  ),
  icecream: blurb(
    (n, o) => `${n}${o ? ` từ ${o}` : ''}, mát lạnh và thơm béo.`,
    (n, o) => `${n}${o ? ` from ${o}` : ''}, cool and creamy.`,
  ),
  laundry: blurb(
    (n) => `${n}, sạch vết bẩn và lưu hương lâu.`,
    (n) => `${n}, lifts stains and leaves a lasting fresh scent.`,
  ),
  cleaning: blurb(
    (n) => `${n} cho gian bếp và ngôi nhà sạch sẽ mỗi ngày.`,
    (n) => `${n} for a clean kitchen and home every day.`,
  ),
  paper: blurb(
    (n) => `${n}, mềm mại, dai và thấm hút tốt.`,
    (n) => `${n}, soft, strong and absorbent.`,
  ),
  personal: blurb(
    (n) => `${n} cho việc chăm sóc cơ thể hằng ngày.`,
    (n) => `${n} for everyday personal care.`,
  ),
};
type BlurbKind = keyof typeof BLURBS;

// ---------------------------------------------------------------------------
// Base items and their variations
// ---------------------------------------------------------------------------

interface Place {
  vi: string;
  en: string;
}
const place = (vi: string, en: string): Place => ({ vi, en });

/** An origin, grade or brand: "<base> <vi>" / "<en> <base>", with a price factor. */
interface Variation {
  vi: string;
  en: string;
  factor: number;
  origin?: Place;
}
const variation = (vi: string, en: string, factor = 1, origin?: Place): Variation => ({ vi, en, factor, origin });

interface ItemOptions {
  origin?: Place;
  /** Overrides the category's shelf life (perishable categories only). */
  shelf?: number;
  storage?: Storage;
  /** Extra products next to the plain one (e.g. organic, Đà Lạt). */
  plus?: Variation[];
  /** Branded lines that replace the plain product (e.g. Vinamilk, TH true MILK). */
  brands?: Variation[];
}

interface BaseItem extends ItemOptions {
  vi: string;
  en: string;
  variants: Array<[Unit, number]>;
}

function item(vi: string, en: string, variants: Array<[Unit, number]>, options: ItemOptions = {}): BaseItem {
  return { vi, en, variants, ...options };
}

const DA_LAT = place('Đà Lạt', 'Da Lat');
const BEN_TRE = place('Bến Tre', 'Ben Tre');
const BINH_THUAN = place('Bình Thuận', 'Binh Thuan');
const SOC_TRANG = place('Sóc Trăng', 'Soc Trang');
const DAK_LAK = place('Đắk Lắk', 'Dak Lak');
const NEW_ZEALAND = place('New Zealand', 'New Zealand');

const ORGANIC = variation('hữu cơ', 'Organic', 1.6);
const VIETGAP = variation('VietGAP', 'VietGAP', 1.25);
const FROM_DA_LAT = variation('Đà Lạt', 'Da Lat', 1.2, DA_LAT);
const MEATDELI = variation('MEATDeli', 'MEATDeli', 1.15);
const AUSTRALIAN = variation('Úc', 'Australian', 1.5, place('Úc', 'Australia'));
const VINAMILK = variation('Vinamilk', 'Vinamilk');
const TH_TRUE_MILK = variation('TH true MILK', 'TH true MILK', 1.1);
const TH_TRUE_YOGURT = variation('TH true YOGURT', 'TH true YOGURT', 1.1);
const DUTCH_LADY = variation('Cô Gái Hà Lan', 'Dutch Lady', 0.95);
const DALAT_MILK = variation('Dalat Milk', 'Dalat Milk', 1.1);
const BA_HUAN = variation('Ba Huân', 'Ba Huan');
const VINH_THANH_DAT = variation('Vĩnh Thành Đạt', 'Vinh Thanh Dat', 0.95);

// Units shared by many items.
const TRAY_300G = pack('khay', g(300));
const TRAY_500G = pack('khay', g(500));
const BOX_10_EGGS = multi('hop', 10, 'qua');
const MILK_4X180 = multi('loc', 4, 'hop', ml(180));
const MILK_1L = pack('hopGiay', ml(1000));
const YOGURT_4X100 = multi('loc', 4, 'hop', g(100));
const CAN_330 = pack('lon', ml(330));
const CASE_24_CANS = multi('thung', 24, 'lon', ml(330));
const CAN_320 = pack('lon', ml(320));
const SIX_CANS_320 = multi('loc', 6, 'lon', ml(320));
const RICE_5KG = pack('tui', g(5000));
const FROZEN_500G = pack('goi', g(500));

// ---------------------------------------------------------------------------
// Category tree with its products
// ---------------------------------------------------------------------------

interface LeafSpec {
  slug: string;
  vi: string;
  en: string;
  blurb: BlurbKind;
  storage: Storage;
  /** Default shelf life in days; null means the category is not perishable. */
  shelf: number | null;
  vendor?: Vendor;
  items: BaseItem[];
}

interface TopSpec {
  slug: string;
  vi: string;
  en: string;
  skuPrefix: string;
  vendor: Vendor;
  leaves: LeafSpec[];
}

const TREE: TopSpec[] = [
  {
    slug: 'rau-cu',
    vi: 'Rau củ',
    en: 'Vegetables',
    skuPrefix: 'VEG',
    vendor: 'A',
    leaves: [
      {
        slug: 'rau-la',
        vi: 'Rau lá',
        en: 'Leafy greens',
        blurb: 'produce',
        storage: 'chill',
        shelf: 3,
        items: [
          item(
            'Rau muống',
            'Water spinach',
            [
              [pack('bo', g(500)), 15000],
              [g(1000), 28000],
            ],
            { plus: [VIETGAP, ORGANIC] },
          ),
          item('Cải thìa', 'Bok choy', [[g(500), 18000]], { plus: [FROM_DA_LAT, ORGANIC] }),
          item('Cải ngọt', 'Choy sum', [[g(500), 16000]], { plus: [ORGANIC] }),
          item('Cải bẹ xanh', 'Mustard greens', [[g(500), 17000]]),
          item('Rau dền đỏ', 'Red amaranth', [[pack('bo', g(300)), 10000]]),
          item('Mồng tơi', 'Malabar spinach', [[pack('bo', g(300)), 9000]]),
          item('Rau lang', 'Sweet potato leaves', [[pack('bo', g(300)), 9000]]),
          item('Rau ngót', 'Katuk leaves', [[pack('bo', g(300)), 10000]]),
          item('Rau má', 'Asian pennywort', [[pack('bo', g(300)), 14000]]),
          item('Cải cúc', 'Crown daisy greens', [[g(300), 12000]]),
          item('Cải bó xôi', 'Spinach', [[g(300), 22000]], { plus: [FROM_DA_LAT, ORGANIC] }),
          item('Cải xoăn', 'Kale', [[g(300), 30000]], { origin: DA_LAT, plus: [ORGANIC] }),
          item('Xà lách lô lô xanh', 'Green lollo lettuce', [[g(300), 22000]], { origin: DA_LAT, plus: [ORGANIC] }),
          item('Xà lách Romaine', 'Romaine lettuce', [[g(300), 28000]], { origin: DA_LAT }),
          item('Xà lách thủy canh', 'Hydroponic lettuce', [[pack('goi', g(250)), 25000]], { shelf: 5 }),
          item('Bắp cải trắng', 'White cabbage', [[g(1000), 20000]], { shelf: 10, plus: [FROM_DA_LAT] }),
          item('Bắp cải tím', 'Red cabbage', [[g(1000), 35000]], { shelf: 10, origin: DA_LAT }),
          item('Cải thảo', 'Napa cabbage', [[g(1000), 25000]], { shelf: 10, plus: [FROM_DA_LAT] }),
        ],
      },
      {
        slug: 'cu-qua',
        vi: 'Củ quả',
        en: 'Root & fruiting vegetables',
        blurb: 'produce',
        storage: 'chill',
        shelf: 10,
        items: [
          item(
            'Cà rốt',
            'Carrots',
            [
              [g(500), 12000],
              [g(1000), 22000],
            ],
            { plus: [FROM_DA_LAT, ORGANIC] },
          ),
          item('Khoai tây', 'Potatoes', [[g(1000), 28000]], { shelf: 21, storage: 'dry', plus: [FROM_DA_LAT] }),
          item('Khoai lang mật', 'Honey sweet potatoes', [[g(1000), 30000]], { shelf: 21, storage: 'dry', origin: DA_LAT }),
          item('Khoai lang Nhật', 'Japanese sweet potatoes', [[g(1000), 35000]], { shelf: 21, storage: 'dry' }),
          item('Khoai môn', 'Taro', [[g(1000), 40000]], { shelf: 21, storage: 'dry' }),
          item('Củ cải trắng', 'Daikon radish', [[g(1000), 18000]]),
          item(
            'Cà chua',
            'Tomatoes',
            [
              [g(500), 15000],
              [g(1000), 28000],
            ],
            { shelf: 7, plus: [FROM_DA_LAT, ORGANIC] },
          ),
          item('Cà chua bi', 'Cherry tomatoes', [[pack('hop', g(300)), 25000]], { shelf: 7, origin: DA_LAT }),
          item('Dưa leo', 'Cucumbers', [[g(500), 12000]], { shelf: 7, plus: [ORGANIC] }),
          item('Bí đỏ', 'Pumpkin', [[g(1000), 22000]], { shelf: 30, storage: 'dry' }),
          item('Bí xanh', 'Winter melon', [[g(1000), 18000]], { shelf: 14 }),
          item('Bầu', 'Bottle gourd', [[g(1000), 16000]]),
          item('Mướp hương', 'Luffa gourd', [[g(500), 12000]], { shelf: 5 }),
          item('Khổ qua', 'Bitter melon', [[g(500), 15000]], { shelf: 7 }),
          item('Đậu bắp', 'Okra', [[g(300), 10000]], { shelf: 5 }),
          item('Đậu que', 'Green beans', [[g(500), 20000]], { shelf: 5 }),
          item('Cà tím', 'Eggplant', [[g(500), 14000]], { shelf: 7 }),
          item('Ớt chuông đỏ', 'Red bell peppers', [[g(500), 45000]], { origin: DA_LAT }),
          item('Hành tây', 'Onions', [[g(1000), 30000]], { shelf: 30, storage: 'dry', plus: [FROM_DA_LAT] }),
          item('Súp lơ xanh', 'Broccoli', [[g(500), 35000]], { shelf: 7, plus: [FROM_DA_LAT] }),
          item('Súp lơ trắng', 'Cauliflower', [[g(500), 30000]], { shelf: 7 }),
          item('Bắp Mỹ', 'Sweet corn', [[multi('tui', 3, 'trai'), 20000]], { shelf: 5 }),
          item('Củ dền', 'Beetroot', [[g(500), 18000]], { origin: DA_LAT }),
          item('Su su', 'Chayote', [[g(500), 10000]]),
          item('Củ sen', 'Lotus root', [[g(500), 45000]], { shelf: 7 }),
        ],
      },
      {
        slug: 'nam-tuoi',
        vi: 'Nấm tươi',
        en: 'Fresh mushrooms',
        blurb: 'produce',
        storage: 'chill',
        shelf: 5,
        items: [
          item('Nấm rơm', 'Straw mushrooms', [[g(300), 35000]], { shelf: 2 }),
          item('Nấm kim châm', 'Enoki mushrooms', [[pack('goi', g(150)), 10000]], { shelf: 7 }),
          item('Nấm bào ngư xám', 'Grey oyster mushrooms', [[g(300), 20000]]),
          item('Nấm đùi gà', 'King oyster mushrooms', [[g(300), 30000]], { shelf: 7 }),
          item('Nấm hương tươi', 'Fresh shiitake mushrooms', [[g(200), 30000]], { origin: DA_LAT }),
          item('Nấm linh chi nâu', 'Brown beech mushrooms', [[pack('goi', g(150)), 25000]], { shelf: 7 }),
          item('Nấm mỡ', 'Button mushrooms', [[g(200), 30000]], { origin: DA_LAT }),
        ],
      },
      {
        slug: 'rau-thom-gia-vi-tuoi',
        vi: 'Rau thơm & gia vị tươi',
        en: 'Fresh herbs & aromatics',
        blurb: 'produce',
        storage: 'chill',
        shelf: 5,
        items: [
          item('Hành lá', 'Spring onions', [[g(100), 6000]]),
          item('Ngò rí', 'Coriander', [[g(100), 8000]]),
          item('Húng quế', 'Thai basil', [[g(100), 7000]]),
          item('Tía tô', 'Perilla leaves', [[g(100), 7000]]),
          item('Rau răm', 'Vietnamese coriander', [[g(100), 7000]]),
          item('Kinh giới', 'Vietnamese balm', [[g(100), 7000]]),
          item('Thì là', 'Dill', [[g(100), 8000]]),
          item('Sả cây', 'Lemongrass', [[g(300), 10000]], { shelf: 14 }),
          item('Gừng', 'Ginger', [[g(300), 18000]], { shelf: 21 }),
          item('Riềng', 'Galangal', [[g(200), 10000]], { shelf: 14 }),
          item('Nghệ tươi', 'Fresh turmeric', [[g(200), 12000]], { shelf: 14 }),
          item('Tỏi ta', 'Vietnamese garlic', [[g(300), 25000]], { shelf: 60, storage: 'dry' }),
          item('Tỏi Lý Sơn', 'Ly Son garlic', [[g(200), 40000]], { shelf: 60, storage: 'dry' }),
          item('Hành tím Vĩnh Châu', 'Vinh Chau shallots', [[g(300), 25000]], { shelf: 30, storage: 'dry' }),
          item('Ớt hiểm', "Bird's eye chillies", [[g(100), 8000]], { shelf: 7 }),
          item('Chanh không hạt', 'Seedless limes', [[g(500), 20000]], { shelf: 14 }),
        ],
      },
    ],
  },
  {
    slug: 'trai-cay',
    vi: 'Trái cây',
    en: 'Fruit',
    skuPrefix: 'FRU',
    vendor: 'A',
    leaves: [
      {
        slug: 'trai-cay-viet-nam',
        vi: 'Trái cây Việt Nam',
        en: 'Vietnamese fruit',
        blurb: 'fruit',
        storage: 'ripen',
        shelf: 5,
        items: [
          item('Xoài cát Hòa Lộc', 'Hoa Loc mangoes', [[g(1000), 80000]], { origin: place('Tiền Giang', 'Tien Giang') }),
          item('Xoài keo', 'Keo mangoes', [[g(1000), 30000]], { shelf: 7 }),
          item('Thanh long ruột đỏ', 'Red-flesh dragon fruit', [[g(1000), 40000]], { shelf: 7, origin: BINH_THUAN }),
          item('Thanh long ruột trắng', 'White-flesh dragon fruit', [[g(1000), 25000]], { shelf: 7, origin: BINH_THUAN }),
          item('Bưởi da xanh', 'Green-skin pomelo', [[pack('trai', g(1500)), 85000]], { shelf: 21, origin: BEN_TRE }),
          item('Bưởi Năm Roi', 'Nam Roi pomelo', [[pack('trai', g(1200)), 60000]], { shelf: 21, origin: place('Vĩnh Long', 'Vinh Long') }),
          item('Cam sành', 'King oranges', [[g(1000), 30000]], { shelf: 14 }),
          item('Cam xoàn', 'Xoan oranges', [[g(1000), 55000]], { shelf: 14 }),
          item('Quýt đường', 'Sugar mandarins', [[g(1000), 45000]], { shelf: 10 }),
          item('Chuối già Nam Mỹ', 'Cavendish bananas', [[g(1000), 25000]]),
          item('Chuối cau', 'Lady finger bananas', [[g(1000), 22000]]),
          item('Dưa hấu', 'Watermelon', [[pack('trai', g(2500)), 45000]], { shelf: 10 }),
          item('Sầu riêng Ri6', 'Ri6 durian', [[g(1000), 110000]], { shelf: 4 }),
          item('Măng cụt', 'Mangosteens', [[g(1000), 70000]]),
          item('Chôm chôm', 'Rambutans', [[g(1000), 35000]], { shelf: 4 }),
          item('Nhãn xuồng cơm vàng', 'Xuong com vang longans', [[g(1000), 60000]]),
          item('Vải thiều Lục Ngạn', 'Luc Ngan lychees', [[g(1000), 50000]], { shelf: 4 }),
          item('Mít Thái bóc múi', 'Peeled jackfruit pods', [[pack('hop', g(500)), 40000]], { shelf: 2, storage: 'chill' }),
          item(
            'Dừa xiêm',
            'Green coconuts',
            [
              [each('trai'), 15000],
              [multi('tui', 3, 'trai'), 42000],
            ],
            { shelf: 10, origin: BEN_TRE },
          ),
          item('Ổi nữ hoàng', 'Queen guavas', [[g(1000), 28000]], { shelf: 7 }),
          item('Mận An Phước', 'An Phuoc rose apples', [[g(1000), 40000]]),
          item('Đu đủ ruột đỏ', 'Red papaya', [[g(1000), 25000]]),
          item('Mãng cầu ta', 'Sugar apples', [[g(1000), 70000]], { shelf: 3 }),
          item('Dứa mật', 'Honey pineapple', [[each('trai'), 20000]], { shelf: 7 }),
          item('Chanh dây', 'Passion fruit', [[g(500), 20000]], { shelf: 10 }),
          item('Bơ sáp', 'Butter avocados', [[g(1000), 50000]], { origin: DAK_LAK }),
          item('Dâu tây Đà Lạt', 'Da Lat strawberries', [[pack('hop', g(250)), 60000]], { shelf: 4, storage: 'chill' }),
        ],
      },
      {
        slug: 'trai-cay-nhap-khau',
        vi: 'Trái cây nhập khẩu',
        en: 'Imported fruit',
        blurb: 'fruit',
        storage: 'chill',
        shelf: 14,
        items: [
          item('Táo Envy New Zealand', 'New Zealand Envy apples', [[g(1000), 150000]], { shelf: 30 }),
          item('Táo Gala Mỹ', 'US Gala apples', [[g(1000), 80000]], { shelf: 30 }),
          item('Lê Hàn Quốc', 'Korean pears', [[g(1000), 90000]], { shelf: 30 }),
          item('Nho xanh không hạt Úc', 'Australian green seedless grapes', [[g(500), 90000]], { shelf: 10 }),
          item('Nho đỏ không hạt Mỹ', 'US red seedless grapes', [[g(500), 85000]], { shelf: 10 }),
          item('Kiwi vàng Zespri', 'Zespri SunGold kiwifruit', [[g(500), 95000]], { origin: NEW_ZEALAND }),
          item('Cam vàng Úc', 'Australian navel oranges', [[g(1000), 75000]], { shelf: 21 }),
          item('Việt quất', 'Blueberries', [[pack('hop', g(125)), 75000]], { shelf: 7, origin: place('Peru', 'Peru') }),
          item('Cherry đỏ Mỹ', 'US red cherries', [[g(500), 250000]], { shelf: 7 }),
          item('Lựu Ai Cập', 'Egyptian pomegranates', [[g(1000), 90000]], { shelf: 21 }),
        ],
      },
    ],
  },
  {
    slug: 'thit-hai-san',
    vi: 'Thịt & hải sản',
    en: 'Meat & seafood',
    skuPrefix: 'MEA',
    vendor: 'A',
    leaves: [
      {
        slug: 'thit-heo',
        vi: 'Thịt heo',
        en: 'Pork',
        blurb: 'meat',
        storage: 'chill',
        shelf: 3,
        items: [
          item('Thịt ba chỉ heo', 'Pork belly', [[TRAY_500G, 85000]], { plus: [MEATDELI] }),
          item('Nạc vai heo', 'Pork shoulder', [[TRAY_500G, 70000]], { plus: [MEATDELI] }),
          item('Sườn non heo', 'Pork spare ribs', [[TRAY_500G, 95000]], { plus: [MEATDELI] }),
          item(
            'Thịt heo xay',
            'Minced pork',
            [
              [TRAY_300G, 40000],
              [TRAY_500G, 65000],
            ],
            { plus: [MEATDELI] },
          ),
          item('Nạc dăm heo', 'Pork collar', [[TRAY_500G, 75000]]),
          item('Thăn heo', 'Pork loin', [[TRAY_500G, 70000]]),
          item('Cốt lết heo', 'Pork chops', [[TRAY_500G, 68000]]),
          item('Chân giò heo', 'Pork hock', [[g(1000), 110000]]),
          item('Xương ống heo', 'Pork leg bones', [[g(1000), 50000]]),
        ],
      },
      {
        slug: 'thit-bo',
        vi: 'Thịt bò',
        en: 'Beef',
        blurb: 'meat',
        storage: 'chill',
        shelf: 3,
        items: [
          item('Thăn bò', 'Beef tenderloin', [[TRAY_300G, 110000]], { plus: [AUSTRALIAN] }),
          item('Bắp bò', 'Beef shank', [[TRAY_500G, 140000]], { plus: [AUSTRALIAN] }),
          item('Nạm bò', 'Beef flank', [[TRAY_500G, 120000]]),
          item('Gầu bò', 'Beef brisket', [[TRAY_500G, 130000]]),
          item('Thịt bò xay', 'Ground beef', [[TRAY_300G, 75000]]),
          item('Đuôi bò', 'Oxtail', [[g(1000), 280000]]),
          item('Ba chỉ bò Mỹ', 'US beef short plate', [[TRAY_500G, 120000]], { shelf: 5 }),
        ],
      },
      {
        slug: 'gia-cam',
        vi: 'Gà, vịt',
        en: 'Poultry',
        blurb: 'meat',
        storage: 'chill',
        shelf: 3,
        items: [
          item('Gà ta nguyên con', 'Whole free-range chicken', [[pack('conGa', g(1500)), 195000]]),
          item('Gà tam hoàng nguyên con', 'Whole Tam Hoang chicken', [[pack('conGa', g(1600)), 150000]]),
          item('Gà ác', 'Silkie chicken', [[pack('conGa', g(500)), 65000]]),
          item('Vịt nguyên con', 'Whole duck', [[pack('conGa', g(2000)), 170000]]),
          item('Đùi gà góc tư', 'Chicken leg quarters', [[g(1000), 60000]]),
          item('Đùi tỏi gà', 'Chicken drumsticks', [[TRAY_500G, 45000]]),
          item('Ức gà phi lê', 'Chicken breast fillets', [[TRAY_500G, 45000]]),
          item('Cánh gà', 'Chicken wings', [[TRAY_500G, 55000]]),
          item('Cánh gà khúc giữa', 'Chicken mid-wings', [[TRAY_500G, 75000]]),
          item('Chân gà', 'Chicken feet', [[TRAY_500G, 40000]]),
        ],
      },
      {
        slug: 'ca-hai-san',
        vi: 'Cá & hải sản',
        en: 'Fish & seafood',
        blurb: 'seafood',
        storage: 'chill',
        shelf: 2,
        items: [
          item('Cá basa phi lê', 'Basa fillets', [[TRAY_500G, 45000]]),
          item('Cá hồi phi lê Na Uy', 'Norwegian salmon fillet', [[TRAY_300G, 180000]]),
          item('Cá thu cắt khúc', 'Spanish mackerel steaks', [[TRAY_500G, 160000]]),
          item('Cá ngừ đại dương cắt khúc', 'Yellowfin tuna steaks', [[TRAY_300G, 95000]]),
          item('Cá diêu hồng', 'Red tilapia', [[pack('conCa', g(800)), 55000]]),
          item('Cá lóc', 'Snakehead fish', [[pack('conCa', g(1000)), 85000]]),
          item('Cá nục', 'Round scad', [[g(500), 40000]]),
          item('Cá kèo', 'Goby fish', [[g(500), 90000]]),
          item('Tôm sú', 'Tiger prawns', [[g(500), 190000]]),
          item('Tôm thẻ', 'Whiteleg shrimp', [[g(500), 110000]]),
          item('Tôm càng xanh', 'Giant river prawns', [[g(500), 200000]]),
          item('Mực ống', 'Squid', [[g(500), 140000]]),
          item('Bạch tuộc', 'Octopus', [[g(500), 95000]]),
          item('Cua thịt Cà Mau', 'Ca Mau mud crab', [[g(1000), 400000]]),
          item('Nghêu trắng', 'White clams', [[g(1000), 45000]]),
          item('Hàu sữa', 'Pacific oysters', [[g(1000), 70000]]),
          item('Sò điệp', 'Scallops', [[g(1000), 90000]]),
        ],
      },
      {
        slug: 'gio-cha-xuc-xich',
        vi: 'Giò chả & xúc xích',
        en: 'Vietnamese sausages & cold cuts',
        blurb: 'deli',
        storage: 'chill',
        shelf: 10,
        items: [
          item('Giò lụa', 'Vietnamese pork roll', [
            [g(250), 60000],
            [g(500), 115000],
          ]),
          item('Chả quế', 'Cinnamon pork roll', [[g(500), 120000]]),
          item('Giò thủ', 'Pork head cheese', [[g(500), 110000]]),
          item('Chả cá Nha Trang', 'Nha Trang fish cake', [[g(500), 95000]], { shelf: 5 }),
          item('Nem chua Thanh Hóa', 'Thanh Hoa fermented pork rolls', [[multi('goi', 10, 'cai'), 40000]], { shelf: 7 }),
          item('Bò viên', 'Beef balls', [[g(500), 90000]], { shelf: 7 }),
          item('Xúc xích heo xông khói Vissan', 'Vissan smoked pork sausages', [[pack('goi', g(500)), 85000]], { shelf: 30 }),
          item('Lạp xưởng Mai Quế Lộ', 'Mai Que Lo Chinese sausage', [[g(500), 130000]], { shelf: 60 }),
        ],
      },
    ],
  },
  {
    slug: 'sua-trung',
    vi: 'Sữa & trứng',
    en: 'Dairy & eggs',
    skuPrefix: 'DAI',
    vendor: 'A',
    leaves: [
      {
        slug: 'sua-tuoi',
        vi: 'Sữa tươi',
        en: 'Milk',
        blurb: 'milk',
        storage: 'chill',
        shelf: 7,
        items: [
          item('Sữa tươi thanh trùng không đường', 'Unsweetened pasteurised milk', [[pack('chai', ml(1000)), 45000]], {
            shelf: 10,
            brands: [DALAT_MILK, TH_TRUE_MILK, VINAMILK],
          }),
          item(
            'Sữa tươi tiệt trùng có đường',
            'Sweetened UHT milk',
            [
              [MILK_4X180, 32000],
              [MILK_1L, 36000],
            ],
            {
              shelf: 180,
              storage: 'uht',
              brands: [VINAMILK, TH_TRUE_MILK, DUTCH_LADY],
            },
          ),
          item(
            'Sữa tươi tiệt trùng ít đường',
            'Reduced-sugar UHT milk',
            [
              [MILK_4X180, 32000],
              [MILK_1L, 36000],
            ],
            {
              shelf: 180,
              storage: 'uht',
              brands: [VINAMILK, TH_TRUE_MILK],
            },
          ),
          item(
            'Sữa tươi tiệt trùng không đường',
            'Unsweetened UHT milk',
            [
              [MILK_4X180, 32000],
              [MILK_1L, 36000],
            ],
            {
              shelf: 180,
              storage: 'uht',
              brands: [VINAMILK, TH_TRUE_MILK, DALAT_MILK],
            },
          ),
          item('Sữa tươi tiệt trùng hương dâu', 'Strawberry UHT milk', [[MILK_4X180, 33000]], {
            shelf: 180,
            storage: 'uht',
            brands: [TH_TRUE_MILK, VINAMILK],
          }),
          item('Sữa tươi tiệt trùng sô-cô-la', 'Chocolate UHT milk', [[MILK_4X180, 33000]], {
            shelf: 180,
            storage: 'uht',
            brands: [TH_TRUE_MILK, VINAMILK],
          }),
        ],
      },
      {
        slug: 'sua-chua',
        vi: 'Sữa chua',
        en: 'Yogurt',
        blurb: 'yogurt',
        storage: 'chill',
        shelf: 30,
        items: [
          item('Sữa chua ăn có đường', 'Sweetened yogurt', [[YOGURT_4X100, 26000]], { brands: [VINAMILK, TH_TRUE_YOGURT] }),
          item('Sữa chua ăn không đường', 'Unsweetened yogurt', [[YOGURT_4X100, 26000]], { brands: [VINAMILK, TH_TRUE_YOGURT] }),
          item('Sữa chua nha đam', 'Aloe vera yogurt', [[YOGURT_4X100, 28000]], { brands: [VINAMILK] }),
          item('Sữa chua Hy Lạp', 'Greek yogurt', [[YOGURT_4X100, 40000]], { brands: [VINAMILK] }),
          item('Sữa chua nếp cẩm', 'Black sticky rice yogurt', [[YOGURT_4X100, 30000]], { shelf: 14 }),
          item('Sữa chua uống men sống Probi', 'Probi probiotic yogurt drink', [[multi('loc', 5, 'chai', ml(65)), 25000]]),
          item('Sữa uống lên men Yakult', 'Yakult fermented milk drink', [[multi('loc', 5, 'chai', ml(65)), 27000]], { shelf: 45 }),
        ],
      },
      {
        slug: 'pho-mai-bo',
        vi: 'Phô mai, bơ & kem',
        en: 'Cheese, butter & cream',
        blurb: 'cheese',
        storage: 'chill',
        shelf: 90,
        items: [
          item('Phô mai Con Bò Cười', 'The Laughing Cow cheese wedges', [[multi('hop', 8, 'mieng'), 35000]], { shelf: 180 }),
          item('Phô mai lát cheddar', 'Sliced cheddar cheese', [[pack('goi', g(200)), 60000]]),
          item('Phô mai mozzarella bào sợi', 'Shredded mozzarella', [[pack('goi', g(200)), 75000]]),
          item('Bơ lạt Président', 'Président unsalted butter', [[g(200), 95000]], { origin: place('Pháp', 'France') }),
          item('Bơ lạt Anchor', 'Anchor unsalted butter', [[g(227), 85000]], { origin: NEW_ZEALAND }),
          item('Kem sữa tươi Anchor', 'Anchor whipping cream', [[MILK_1L, 190000]], { origin: NEW_ZEALAND }),
        ],
      },
      {
        slug: 'trung',
        vi: 'Trứng',
        en: 'Eggs',
        blurb: 'eggs',
        storage: 'eggs',
        shelf: 21,
        items: [
          item('Trứng gà ta', 'Free-range chicken eggs', [[BOX_10_EGGS, 38000]]),
          item(
            'Trứng gà tươi',
            'Fresh chicken eggs',
            [
              [BOX_10_EGGS, 30000],
              [multi('hop', 30, 'qua'), 85000],
            ],
            {
              brands: [BA_HUAN, VINH_THANH_DAT],
            },
          ),
          item('Trứng gà omega-3', 'Omega-3 chicken eggs', [[BOX_10_EGGS, 45000]]),
          item('Trứng vịt', 'Duck eggs', [[BOX_10_EGGS, 38000]]),
          item('Trứng cút', 'Quail eggs', [[multi('hop', 30, 'qua'), 30000]]),
          item('Trứng vịt muối', 'Salted duck eggs', [[multi('hop', 4, 'qua'), 28000]], { shelf: 30 }),
          item('Trứng vịt lộn', 'Balut duck eggs', [[BOX_10_EGGS, 55000]], { shelf: 3, storage: 'chill' }),
        ],
      },
    ],
  },
  {
    slug: 'gao-mi-do-kho',
    vi: 'Gạo, mì & đồ khô',
    en: 'Rice, noodles & dry goods',
    skuPrefix: 'DRY',
    vendor: 'B',
    leaves: [
      {
        slug: 'gao',
        vi: 'Gạo',
        en: 'Rice',
        blurb: 'rice',
        storage: 'dry',
        shelf: null,
        items: [
          item(
            'Gạo ST25',
            'ST25 rice',
            [
              [pack('tui', g(2000)), 75000],
              [RICE_5KG, 180000],
            ],
            { origin: SOC_TRANG },
          ),
          item('Gạo ST24', 'ST24 rice', [[RICE_5KG, 165000]], { origin: SOC_TRANG }),
          item('Gạo thơm Jasmine', 'Jasmine rice', [[RICE_5KG, 110000]]),
          item('Gạo Nàng Hoa', 'Nang Hoa rice', [[RICE_5KG, 115000]]),
          item('Gạo thơm Hương Lài', 'Huong Lai fragrant rice', [[RICE_5KG, 95000]]),
          item('Gạo Điện Biên', 'Dien Bien rice', [[RICE_5KG, 105000]]),
          item('Gạo Tám Xoan Hải Hậu', 'Hai Hau Tam Xoan rice', [[RICE_5KG, 150000]]),
          item('Gạo Japonica', 'Japonica short-grain rice', [[RICE_5KG, 145000]]),
          item('Gạo tấm thơm', 'Fragrant broken rice', [[RICE_5KG, 90000]]),
          item('Gạo lứt đỏ', 'Red brown rice', [[pack('tui', g(2000)), 70000]], { plus: [ORGANIC] }),
          item('Gạo nếp cái hoa vàng', 'Yellow-flower glutinous rice', [[pack('tui', g(2000)), 70000]]),
          item('Nếp cẩm', 'Black glutinous rice', [[pack('tui', g(1000)), 45000]]),
        ],
      },
      {
        slug: 'mi-an-lien',
        vi: 'Mì, phở ăn liền',
        en: 'Instant noodles',
        blurb: 'noodles',
        storage: 'dry',
        shelf: null,
        items: [
          item('Mì Hảo Hảo tôm chua cay', 'Hao Hao hot & sour shrimp instant noodles', [
            [pack('goi', g(75)), 4500],
            [multi('thung', 30, 'goi'), 120000],
          ]),
          item('Mì Hảo Hảo sa tế hành tím', 'Hao Hao satay & shallot instant noodles', [
            [pack('goi', g(75)), 4500],
            [multi('thung', 30, 'goi'), 120000],
          ]),
          item('Mì Omachi xốt bò hầm', 'Omachi beef stew instant noodles', [
            [pack('goi', g(80)), 8000],
            [multi('thung', 30, 'goi'), 230000],
          ]),
          item('Mì Omachi sườn hầm ngũ quả', 'Omachi pork rib & vegetable instant noodles', [
            [pack('goi', g(80)), 8000],
            [multi('thung', 30, 'goi'), 230000],
          ]),
          item('Mì Kokomi tôm chua cay', 'Kokomi hot & sour shrimp instant noodles', [
            [pack('goi', g(65)), 3500],
            [multi('thung', 30, 'goi'), 100000],
          ]),
          item('Mì Gấu Đỏ tôm và gà', 'Gau Do shrimp & chicken instant noodles', [
            [pack('goi', g(63)), 3500],
            [multi('thung', 30, 'goi'), 95000],
          ]),
          item('Mì ly Modern lẩu Thái tôm', 'Modern tom yum shrimp cup noodles', [
            [pack('ly', g(65)), 9000],
            [multi('thung', 24, 'ly'), 200000],
          ]),
          item('Phở bò Đệ Nhất', 'De Nhat instant beef pho', [
            [pack('goi', g(68)), 6500],
            [multi('thung', 30, 'goi'), 180000],
          ]),
          item('Phở bò Vifon', 'Vifon instant beef pho', [[pack('goi', g(65)), 7000]]),
          item('Bún bò Huế Vifon', 'Vifon instant Hue-style beef noodle soup', [[pack('goi', g(65)), 7000]]),
          item('Hủ tiếu Nam Vang Nhịp Sống', 'Nhip Song Phnom Penh-style instant noodles', [[pack('goi', g(70)), 7000]]),
          item('Miến Phú Hương sườn heo', 'Phu Huong pork rib instant glass noodles', [[pack('goi', g(55)), 7000]]),
        ],
      },
      {
        slug: 'bun-pho-kho',
        vi: 'Bún, phở & miến khô',
        en: 'Dried noodles & rice paper',
        blurb: 'noodles',
        storage: 'dry',
        shelf: null,
        items: [
          item('Phở khô', 'Dried pho noodles', [[pack('goi', g(500)), 25000]]),
          item('Bún khô', 'Dried rice vermicelli', [[pack('goi', g(500)), 22000]]),
          item('Bún gạo lứt', 'Brown rice vermicelli', [[pack('goi', g(500)), 35000]]),
          item('Miến dong Bắc Kạn', 'Bac Kan arrowroot glass noodles', [[pack('goi', g(500)), 55000]]),
          item('Hủ tiếu Mỹ Tho', 'My Tho dried rice noodles', [[pack('goi', g(500)), 28000]]),
          item('Bánh đa đỏ Hải Phòng', 'Hai Phong red rice noodles', [[pack('goi', g(500)), 30000]]),
          item('Mì trứng khô', 'Dried egg noodles', [[pack('goi', g(500)), 35000]]),
          item('Bánh tráng cuốn', 'Rice paper wrappers', [[pack('goi', g(500)), 30000]]),
          item('Bánh tráng phơi sương Trảng Bàng', 'Trang Bang dew-dried rice paper', [[pack('goi', g(500)), 55000]]),
          item('Nui xoắn', 'Fusilli pasta', [[pack('goi', g(400)), 18000]]),
          item('Mì Ý spaghetti', 'Spaghetti', [[pack('goi', g(500)), 30000]]),
        ],
      },
      {
        slug: 'do-hop',
        vi: 'Đồ hộp',
        en: 'Canned food',
        blurb: 'pantry',
        storage: 'dry',
        shelf: null,
        items: [
          item('Cá nục sốt cà Hạ Long', 'Ha Long mackerel in tomato sauce', [[pack('lon', g(155)), 20000]]),
          item('Cá ngừ ngâm dầu Hạ Long', 'Ha Long tuna in oil', [[pack('lon', g(175)), 32000]]),
          item('Pate gan Hạ Long', 'Ha Long liver pâté', [[pack('lon', g(150)), 25000]]),
          item('Thịt heo hai lát Vissan', 'Vissan canned pork slices', [[pack('lon', g(150)), 30000]]),
          item('Bò kho Vissan', 'Vissan braised beef stew', [[pack('lon', g(200)), 38000]]),
          item('Chà bông heo Vissan', 'Vissan pork floss', [[pack('hu', g(100)), 45000]]),
          item('Bắp hạt ngọt đóng hộp', 'Canned sweet corn', [[pack('lon', g(340)), 25000]]),
          item('Nước cốt dừa Vietcoco', 'Vietcoco coconut milk', [[pack('hopGiay', ml(400)), 30000]], { origin: BEN_TRE }),
        ],
      },
      {
        slug: 'do-kho-lam-banh',
        vi: 'Đồ khô & nguyên liệu làm bánh',
        en: 'Dry goods & baking',
        blurb: 'pantry',
        storage: 'dry',
        shelf: null,
        items: [
          item('Nấm mèo khô', 'Dried wood ear mushrooms', [[pack('goi', g(100)), 25000]]),
          item('Nấm hương khô', 'Dried shiitake mushrooms', [[pack('goi', g(100)), 45000]]),
          item('Măng khô', 'Dried bamboo shoots', [[pack('goi', g(200)), 60000]]),
          item('Tôm khô Cà Mau', 'Ca Mau dried shrimp', [[pack('goi', g(200)), 130000]]),
          item('Đậu xanh cà vỏ', 'Split mung beans', [[pack('goi', g(500)), 30000]]),
          item('Đậu đen xanh lòng', 'Green-core black beans', [[pack('goi', g(500)), 32000]]),
          item('Đậu phộng', 'Raw peanuts', [[pack('goi', g(500)), 35000]]),
          item('Mè trắng', 'White sesame seeds', [[pack('goi', g(200)), 20000]]),
          item('Bột năng Tài Ký', 'Tai Ky tapioca starch', [[pack('goi', g(400)), 15000]]),
          item('Bột chiên giòn Tài Ký', 'Tai Ky tempura batter mix', [[pack('goi', g(150)), 10000]]),
          item('Bột mì đa dụng Meizan', 'Meizan all-purpose flour', [[pack('goi', g(1000)), 30000]]),
          item('Sữa đặc có đường Ông Thọ', 'Ong Tho sweetened condensed milk', [[pack('lon', g(380)), 28000]]),
        ],
      },
    ],
  },
  {
    slug: 'gia-vi-nuoc-cham',
    vi: 'Gia vị & nước chấm',
    en: 'Condiments & sauces',
    skuPrefix: 'CON',
    vendor: 'B',
    leaves: [
      {
        slug: 'nuoc-mam-mam',
        vi: 'Nước mắm & mắm',
        en: 'Fish sauce & fermented pastes',
        blurb: 'sauce',
        storage: 'opened',
        shelf: null,
        items: [
          item('Nước mắm Phú Quốc 40 độ đạm', 'Phu Quoc fish sauce 40°N', [[pack('chai', ml(500)), 65000]]),
          item('Nước mắm Red Boat 40 độ đạm', 'Red Boat fish sauce 40°N', [[pack('chai', ml(250)), 75000]], {
            origin: place('Phú Quốc', 'Phu Quoc'),
          }),
          item('Nước mắm Phan Thiết 35 độ đạm', 'Phan Thiet fish sauce 35°N', [[pack('chai', ml(500)), 45000]]),
          item('Nước mắm Cát Hải', 'Cat Hai fish sauce', [[pack('chai', ml(500)), 50000]], { origin: place('Hải Phòng', 'Hai Phong') }),
          item('Nước mắm Nam Ngư', 'Nam Ngu fish sauce', [[pack('chai', ml(750)), 42000]]),
          item('Nước mắm Nam Ngư Đệ Nhị', 'Nam Ngu De Nhi fish sauce', [[pack('chai', ml(900)), 25000]]),
          item('Mắm tôm Bắc', 'Northern shrimp paste', [[pack('hu', g(250)), 25000]]),
          item('Mắm ruốc Huế', 'Hue fermented shrimp paste', [[pack('hu', g(250)), 35000]]),
          item('Mắm nêm pha sẵn', 'Ready-mixed anchovy dipping sauce', [[pack('chai', ml(250)), 20000]]),
          item('Mắm cá linh Châu Đốc', 'Chau Doc fermented linh fish', [[pack('hu', g(500)), 60000]]),
        ],
      },
      {
        slug: 'nuoc-tuong-tuong-ot',
        vi: 'Nước tương & tương ớt',
        en: 'Soy, chilli & table sauces',
        blurb: 'sauce',
        storage: 'opened',
        shelf: null,
        items: [
          item('Tương ớt Chinsu', 'Chinsu chilli sauce', [
            [pack('chai', g(250)), 12000],
            [pack('chai', g(500)), 22000],
          ]),
          item('Tương ớt Cholimex', 'Cholimex chilli sauce', [[pack('chai', g(270)), 12000]]),
          item('Tương cà Cholimex', 'Cholimex tomato ketchup', [[pack('chai', g(270)), 12000]]),
          item('Nước tương Chinsu tỏi ớt', 'Chinsu garlic & chilli soy sauce', [[pack('chai', ml(250)), 14000]]),
          item('Nước tương Maggi đậm đặc', 'Maggi rich soy sauce', [
            [pack('chai', ml(300)), 18000],
            [pack('chai', ml(700)), 35000],
          ]),
          item('Nước tương Tam Thái Tử Nhất Ca', 'Tam Thai Tu Nhat Ca soy sauce', [[pack('chai', ml(500)), 20000]]),
          item('Dầu hào Maggi', 'Maggi oyster sauce', [[pack('chai', g(350)), 25000]]),
          item('Dầu hào Lee Kum Kee', 'Lee Kum Kee oyster sauce', [[pack('chai', g(510)), 65000]]),
          item('Tương hột', 'Fermented soybean paste', [[pack('hu', g(250)), 15000]]),
          item('Sa tế tôm', 'Shrimp chilli satay', [[pack('hu', g(90)), 15000]]),
          item('Xốt mayonnaise Aji-mayo', 'Aji-mayo mayonnaise', [[pack('chai', g(260)), 25000]]),
        ],
      },
      {
        slug: 'dau-an',
        vi: 'Dầu ăn',
        en: 'Cooking oil',
        blurb: 'oil',
        storage: 'dry',
        shelf: null,
        items: [
          item('Dầu ăn Neptune Light', 'Neptune Light cooking oil', [
            [pack('chai', ml(1000)), 55000],
            [pack('chai', ml(2000)), 105000],
          ]),
          item('Dầu đậu nành Simply', 'Simply soybean oil', [
            [pack('chai', ml(1000)), 60000],
            [pack('chai', ml(2000)), 115000],
          ]),
          item('Dầu hướng dương Simply', 'Simply sunflower oil', [[pack('chai', ml(1000)), 65000]]),
          item('Dầu ăn Tường An', 'Tuong An cooking oil', [
            [pack('chai', ml(1000)), 45000],
            [pack('can', ml(5000)), 210000],
          ]),
          item('Dầu ăn Meizan', 'Meizan cooking oil', [[pack('chai', ml(1000)), 42000]]),
          item('Dầu mè thơm', 'Toasted sesame oil', [[pack('chai', ml(250)), 40000]]),
          item('Dầu ô liu Extra Virgin', 'Extra virgin olive oil', [[pack('chai', ml(500)), 160000]], {
            origin: place('Tây Ban Nha', 'Spain'),
          }),
        ],
      },
      {
        slug: 'gia-vi-kho',
        vi: 'Gia vị khô',
        en: 'Seasonings & spices',
        blurb: 'sauce',
        storage: 'dry',
        shelf: null,
        items: [
          item('Đường cát trắng Biên Hòa', 'Bien Hoa white sugar', [[pack('goi', g(1000)), 30000]]),
          item('Đường phèn', 'Rock sugar', [[pack('goi', g(500)), 25000]]),
          item('Đường thốt nốt An Giang', 'An Giang palm sugar', [[pack('goi', g(500)), 45000]]),
          item('Muối i-ốt', 'Iodised salt', [[pack('goi', g(500)), 6000]]),
          item('Muối tôm Tây Ninh', 'Tay Ninh shrimp salt', [[pack('hu', g(100)), 25000]]),
          item('Bột ngọt Ajinomoto', 'Ajinomoto MSG', [
            [pack('goi', g(454)), 33000],
            [pack('goi', g(1000)), 68000],
          ]),
          item('Hạt nêm Knorr thịt thăn và xương ống', 'Knorr pork seasoning granules', [
            [pack('goi', g(400)), 42000],
            [pack('goi', g(900)), 85000],
          ]),
          item('Hạt nêm Aji-ngon heo', 'Aji-ngon pork seasoning granules', [[pack('goi', g(400)), 38000]]),
          item('Tiêu đen Phú Quốc', 'Phu Quoc black peppercorns', [[pack('hu', g(100)), 30000]]),
          item('Tiêu đen xay', 'Ground black pepper', [[pack('hu', g(50)), 20000]]),
          item('Bột cà ri', 'Curry powder', [[pack('goi', g(100)), 15000]]),
          item('Ngũ vị hương', 'Five-spice powder', [[pack('goi', g(50)), 8000]]),
          item('Hạt điều màu', 'Annatto seeds', [[pack('goi', g(50)), 8000]]),
          item('Viên gia vị phở bò Ông Chà Và', 'Ong Cha Va beef pho seasoning cubes', [[pack('hop', g(75)), 15000]]),
        ],
      },
    ],
  },
  {
    slug: 'do-uong',
    vi: 'Đồ uống',
    en: 'Drinks',
    skuPrefix: 'DRK',
    vendor: 'B',
    leaves: [
      {
        slug: 'ca-phe',
        vi: 'Cà phê',
        en: 'Coffee',
        blurb: 'coffee',
        storage: 'dry',
        shelf: null,
        items: [
          item('Cà phê phin truyền thống', 'Traditional phin-filter ground coffee', [[pack('goi', g(500)), 95000]], {
            origin: place('Buôn Ma Thuột', 'Buon Ma Thuot'),
          }),
          item('Cà phê rang xay Trung Nguyên Sáng Tạo 4', 'Trung Nguyen Creative 4 ground coffee', [[pack('goi', g(340)), 85000]]),
          item('Cà phê rang xay Trung Nguyên Sáng Tạo 8', 'Trung Nguyen Creative 8 ground coffee', [[pack('goi', g(340)), 110000]]),
          item('Cà phê hạt Robusta Buôn Ma Thuột', 'Buon Ma Thuot Robusta coffee beans', [[pack('goi', g(500)), 130000]]),
          item('Cà phê hạt Arabica Cầu Đất', 'Cau Dat Arabica coffee beans', [[pack('goi', g(250)), 120000]], { origin: DA_LAT }),
          item('Cà phê hòa tan G7 3in1', 'G7 3-in-1 instant coffee', [[multi('hop', 18, 'sachet'), 52000]]),
          item('Cà phê hòa tan Nescafé 3in1', 'Nescafé 3-in-1 instant coffee', [[multi('hop', 20, 'sachet'), 65000]]),
          item('Cà phê hòa tan Vinacafé Gold', 'Vinacafé Gold instant coffee', [[multi('hop', 20, 'sachet'), 55000]]),
          item(
            'Cà phê sữa Highlands Coffee',
            'Highlands Coffee iced milk coffee',
            [
              [pack('lon', ml(235)), 15000],
              [multi('loc', 6, 'lon', ml(235)), 85000],
            ],
            {
              storage: 'cold',
            },
          ),
        ],
      },
      {
        slug: 'tra',
        vi: 'Trà',
        en: 'Tea',
        blurb: 'tea',
        storage: 'dry',
        shelf: null,
        items: [
          item('Trà xanh Thái Nguyên', 'Thai Nguyen green tea', [[pack('goi', g(200)), 90000]]),
          item('Trà ô long', 'Oolong tea', [[pack('goi', g(200)), 120000]], { origin: place('Lâm Đồng', 'Lam Dong') }),
          item('Trà ướp sen', 'Lotus-scented green tea', [[pack('hop', g(100)), 95000]]),
          item('Trà atisô Đà Lạt', 'Da Lat artichoke tea', [[multi('hop', 20, 'tuiLoc'), 35000]]),
          item('Trà Lipton nhãn vàng', 'Lipton Yellow Label tea', [[multi('hop', 25, 'tuiLoc'), 35000]]),
          item('Trà đào Cozy', 'Cozy peach tea', [[multi('hop', 25, 'tuiLoc'), 35000]]),
          item('Trà gừng Cozy', 'Cozy instant ginger tea', [[multi('hop', 20, 'sachet'), 40000]]),
        ],
      },
      {
        slug: 'nuoc-giai-khat',
        vi: 'Nước giải khát',
        en: 'Soft drinks, juice & water',
        blurb: 'drink',
        storage: 'cold',
        shelf: null,
        items: [
          item('Nước ngọt Coca-Cola', 'Coca-Cola', [
            [CAN_320, 10000],
            [SIX_CANS_320, 57000],
            [pack('chai', ml(1500)), 20000],
          ]),
          item('Nước ngọt Pepsi', 'Pepsi', [
            [CAN_320, 10000],
            [SIX_CANS_320, 56000],
          ]),
          item('Nước ngọt 7Up', '7Up', [
            [CAN_320, 10000],
            [SIX_CANS_320, 56000],
          ]),
          item('Nước tăng lực Sting dâu', 'Sting strawberry energy drink', [
            [pack('chai', ml(330)), 11000],
            [multi('loc', 6, 'chai', ml(330)), 63000],
          ]),
          item('Nước tăng lực Number 1', 'Number 1 energy drink', [
            [pack('chai', ml(330)), 11000],
            [multi('loc', 6, 'chai', ml(330)), 63000],
          ]),
          item('Nước tăng lực Red Bull', 'Red Bull energy drink', [[pack('lon', ml(250)), 12000]]),
          item('Trà xanh Không Độ', 'Zero Degree green tea', [[pack('chai', ml(455)), 10000]]),
          item('Trà chanh C2', 'C2 lemon iced tea', [[pack('chai', ml(455)), 9000]]),
          item('Trà ô long Tea+ Plus', 'Tea+ Plus oolong tea', [[pack('chai', ml(455)), 11000]]),
          item('Trà thanh nhiệt Dr Thanh', 'Dr Thanh herbal tea', [[pack('chai', ml(330)), 11000]]),
          item('Nước cam ép Twister', 'Twister orange juice drink', [[pack('chai', ml(455)), 12000]]),
          item('Nước ép cam Vfresh', 'Vfresh orange juice', [[MILK_1L, 45000]]),
          item('Nước dừa Cocoxim', 'Cocoxim coconut water', [[pack('hopGiay', ml(330)), 15000]], { origin: BEN_TRE }),
          item('Nước yến Sanest', "Sanest bird's nest drink", [
            [pack('lon', ml(190)), 16000],
            [multi('loc', 6, 'lon', ml(190)), 90000],
          ]),
          item('Sữa đậu nành Fami', 'Fami soy milk', [[multi('loc', 6, 'hop', ml(200)), 27000]]),
          item('Thức uống lúa mạch Milo', 'Milo chocolate malt drink', [[MILK_4X180, 30000]]),
          item('Nước khoáng La Vie', 'La Vie mineral water', [
            [pack('chai', ml(500)), 5000],
            [pack('chai', ml(1500)), 10000],
            [multi('thung', 24, 'chai', ml(500)), 110000],
          ]),
          item('Nước tinh khiết Aquafina', 'Aquafina purified water', [
            [pack('chai', ml(500)), 5000],
            [multi('thung', 24, 'chai', ml(500)), 105000],
          ]),
          item('Nước khoáng Vĩnh Hảo', 'Vinh Hao mineral water', [[pack('chai', ml(500)), 5000]]),
        ],
      },
      {
        slug: 'bia',
        vi: 'Bia',
        en: 'Beer',
        blurb: 'beer',
        storage: 'cold',
        shelf: null,
        items: [
          item('Bia Sài Gòn Lager', 'Saigon Lager beer', [
            [CAN_330, 11000],
            [CASE_24_CANS, 250000],
          ]),
          item('Bia Sài Gòn Special', 'Saigon Special beer', [
            [CAN_330, 15000],
            [CASE_24_CANS, 350000],
          ]),
          item('Bia 333', '333 beer', [
            [CAN_330, 12000],
            [CASE_24_CANS, 275000],
          ]),
          item('Bia Hà Nội', 'Hanoi beer', [
            [CAN_330, 11500],
            [CASE_24_CANS, 265000],
          ]),
          item('Bia Huda', 'Huda beer', [
            [CAN_330, 11500],
            [CASE_24_CANS, 265000],
          ]),
          item('Bia Larue', 'Larue beer', [
            [CAN_330, 11000],
            [CASE_24_CANS, 250000],
          ]),
          item('Bia Tiger', 'Tiger beer', [
            [CAN_330, 17000],
            [CASE_24_CANS, 390000],
          ]),
        ],
      },
    ],
  },
  {
    slug: 'banh-keo',
    vi: 'Bánh kẹo',
    en: 'Snacks & sweets',
    skuPrefix: 'SNK',
    vendor: 'B',
    leaves: [
      {
        slug: 'banh-quy-snack',
        vi: 'Bánh quy & snack',
        en: 'Biscuits & crisps',
        blurb: 'snack',
        storage: 'dry',
        shelf: null,
        items: [
          item('Bánh Choco-Pie Orion', 'Orion Choco-Pie', [
            [multi('hop', 6, 'cai'), 30000],
            [multi('hop', 12, 'cai'), 55000],
          ]),
          item('Bánh Custas Orion', 'Orion Custas custard cakes', [[multi('hop', 12, 'cai'), 65000]]),
          item('Bánh quy Cosy Marie', 'Cosy Marie biscuits', [[pack('goi', g(144)), 18000]]),
          item('Bánh cracker AFC vị rau', 'AFC vegetable crackers', [[pack('hop', g(172)), 25000]]),
          item('Bánh quy bơ Danisa', 'Danisa butter cookies', [[pack('hop', g(454)), 150000]], { origin: place('Đan Mạch', 'Denmark') }),
          item('Bánh gạo One One', 'One One rice crackers', [[pack('goi', g(150)), 25000]]),
          item('Bánh gạo Ichi', 'Ichi rice crackers', [[pack('goi', g(180)), 30000]]),
          item("Snack khoai tây Lay's vị tự nhiên", "Lay's classic potato chips", [[pack('goi', g(95)), 20000]]),
          item('Snack Oishi tôm cay', 'Oishi spicy prawn crackers', [[pack('goi', g(40)), 6000]]),
        ],
      },
      {
        slug: 'keo-mut',
        vi: 'Kẹo & mứt',
        en: 'Sweets & candied fruit',
        blurb: 'snack',
        storage: 'dry',
        shelf: null,
        items: [
          item('Kẹo dừa Bến Tre', 'Ben Tre coconut candy', [[pack('goi', g(400)), 45000]]),
          item('Kẹo dừa lá dứa Bến Tre', 'Ben Tre pandan coconut candy', [[pack('goi', g(400)), 48000]]),
          item('Kẹo chuối Bến Tre', 'Ben Tre banana candy', [[pack('goi', g(300)), 30000]]),
          item('Kẹo cu đơ Hà Tĩnh', 'Ha Tinh cu do peanut brittle', [[pack('goi', g(200)), 30000]]),
          item('Mè xửng Huế', 'Hue sesame taffy', [[pack('hop', g(250)), 35000]]),
          item('Kẹo sữa Alpenliebe', 'Alpenliebe caramel milk candy', [[pack('goi', g(120)), 20000]]),
          item('Mứt gừng', 'Candied ginger', [[pack('hop', g(200)), 35000]]),
          item('Mứt dừa non', 'Candied young coconut', [[pack('hop', g(250)), 45000]]),
          item('Ô mai mơ gừng Hồng Lam', 'Hong Lam salted apricots with ginger', [[pack('hop', g(200)), 70000]]),
          item('Sô-cô-la đen Marou 70%', 'Marou 70% dark chocolate', [[pack('thanh', g(80)), 120000]]),
        ],
      },
      {
        slug: 'hat-dac-san-kho',
        vi: 'Hạt & đặc sản khô',
        en: 'Nuts & regional snacks',
        blurb: 'snack',
        storage: 'dry',
        shelf: null,
        items: [
          item('Hạt điều rang muối Bình Phước', 'Binh Phuoc salted roasted cashews', [
            [pack('hu', g(250)), 90000],
            [pack('hu', g(500)), 170000],
          ]),
          item('Hạt mắc ca nứt vỏ', 'Cracked-shell macadamias', [[pack('hu', g(500)), 160000]], { origin: DAK_LAK }),
          item('Đậu phộng da cá Tân Tân', 'Tan Tan coated peanuts', [[pack('hu', g(265)), 32000]]),
          item('Hạt dưa đỏ', 'Roasted red watermelon seeds', [[pack('goi', g(200)), 35000]]),
          item('Khô gà lá chanh', 'Shredded chicken jerky with lime leaves', [[pack('hu', g(200)), 65000]]),
          item('Khô bò miếng', 'Beef jerky', [[pack('goi', g(200)), 120000]]),
          item('Mực rim me', 'Tamarind-glazed squid', [[pack('hu', g(200)), 80000]]),
          item('Chuối sấy dẻo', 'Chewy dried bananas', [[pack('goi', g(200)), 35000]]),
          item('Mít sấy Vinamit', 'Vinamit dried jackfruit chips', [[pack('goi', g(250)), 75000]]),
          item('Bánh pía sầu riêng Sóc Trăng', 'Soc Trang durian pia cakes', [[multi('hop', 4, 'cai'), 60000]]),
          item('Bánh đậu xanh Hải Dương', 'Hai Duong mung bean cakes', [[pack('hop', g(200)), 35000]]),
        ],
      },
      {
        // Fresh bakery goes through the fresh-food vendor.
        slug: 'banh-mi-banh-tuoi',
        vi: 'Bánh mì & bánh tươi',
        en: 'Bread & fresh cakes',
        blurb: 'bakery',
        storage: 'sameDay',
        shelf: 2,
        vendor: 'A',
        items: [
          item(
            'Bánh mì baguette',
            'Vietnamese baguette',
            [
              [each('o'), 4000],
              [multi('tui', 5, 'o'), 18000],
            ],
            { shelf: 1 },
          ),
          item('Bánh mì sandwich', 'Sandwich bread', [[pack('goi', g(400)), 25000]], { shelf: 5 }),
          item('Bánh mì hoa cúc', 'Brioche loaf', [[pack('o', g(400)), 75000]], { shelf: 5 }),
          item('Bánh croissant bơ', 'Butter croissants', [[multi('hop', 4, 'cai'), 60000]]),
          item('Bánh bông lan trứng muối', 'Salted egg sponge cake', [[multi('hop', 6, 'cai'), 80000]], { shelf: 3 }),
          item(
            'Bánh bao thịt trứng cút',
            'Pork & quail egg steamed buns',
            [
              [each('cai'), 15000],
              [multi('tui', 4, 'cai'), 55000],
            ],
            { shelf: 1 },
          ),
          item('Bánh da lợn', 'Steamed layer cake', [[pack('hop', g(300)), 30000]]),
          item('Bánh giò', 'Pyramid rice dumplings', [[each('cai'), 15000]], { shelf: 1 }),
          item('Bánh chưng', 'Chung cake (square sticky rice cake)', [[pack('cai', g(1000)), 90000]], { shelf: 7, storage: 'chill' }),
          item('Bánh tét', 'Tet cake (sticky rice roll)', [[pack('cai', g(1000)), 100000]], { shelf: 7, storage: 'chill' }),
        ],
      },
    ],
  },
  {
    // Frozen goods go through the mart vendor, which runs the freezer logistics.
    slug: 'do-dong-lanh',
    vi: 'Đồ đông lạnh',
    en: 'Frozen',
    skuPrefix: 'FRZ',
    vendor: 'B',
    leaves: [
      {
        slug: 'mon-an-dong-lanh',
        vi: 'Món chế biến sẵn',
        en: 'Frozen ready-to-cook',
        blurb: 'frozen',
        storage: 'frozen',
        shelf: 180,
        items: [
          item('Chả giò Cầu Tre', 'Cau Tre spring rolls', [[FROZEN_500G, 75000]]),
          item('Chả giò tôm cua Vissan', 'Vissan crab & shrimp spring rolls', [[FROZEN_500G, 85000]]),
          item('Há cảo tôm thịt Cầu Tre', 'Cau Tre shrimp & pork dumplings', [[FROZEN_500G, 70000]]),
          item('Hoành thánh tôm thịt', 'Shrimp & pork wontons', [[FROZEN_500G, 65000]]),
          item('Xíu mại', 'Xiu mai pork meatballs', [[FROZEN_500G, 70000]]),
          item('Bánh bao nhân thịt Thọ Phát', 'Tho Phat pork steamed buns', [[multi('goi', 6, 'cai'), 60000]]),
          item('Xúc xích vườn Đức CP', 'CP German-style sausages', [[FROZEN_500G, 75000]]),
          item('Cá viên chiên', 'Fried fish balls', [[FROZEN_500G, 55000]]),
          item('Tôm viên', 'Shrimp balls', [[FROZEN_500G, 75000]]),
          item('Khoai tây chiên đông lạnh', 'Frozen French fries', [[pack('goi', g(1000)), 55000]]),
          item('Bắp hạt đông lạnh', 'Frozen sweet corn kernels', [[FROZEN_500G, 30000]]),
          item('Rau củ hỗn hợp đông lạnh', 'Frozen mixed vegetables', [[FROZEN_500G, 35000]]),
        ],
      },
      {
        slug: 'hai-san-dong-lanh',
        vi: 'Hải sản đông lạnh',
        en: 'Frozen seafood',
        blurb: 'frozen',
        storage: 'frozen',
        shelf: 180,
        items: [
          item('Tôm thẻ lột vỏ đông lạnh', 'Frozen peeled whiteleg shrimp', [[FROZEN_500G, 130000]]),
          item('Mực ống làm sạch đông lạnh', 'Frozen cleaned squid tubes', [[FROZEN_500G, 120000]]),
          item('Cá hồi phi lê đông lạnh', 'Frozen salmon fillets', [[FROZEN_500G, 220000]], { origin: place('Na Uy', 'Norway') }),
          item('Cá basa phi lê đông lạnh', 'Frozen basa fillets', [[pack('goi', g(1000)), 80000]]),
          item('Chả mực Hạ Long', 'Ha Long squid cakes', [[FROZEN_500G, 180000]]),
          item('Nghêu thịt đông lạnh', 'Frozen shelled clams', [[FROZEN_500G, 60000]]),
        ],
      },
      {
        slug: 'kem',
        vi: 'Kem',
        en: 'Ice cream',
        blurb: 'icecream',
        storage: 'frozen',
        shelf: 180,
        items: [
          item('Kem que Tràng Tiền đậu xanh', 'Trang Tien mung bean ice-cream bars', [[multi('hop', 10, 'que'), 60000]]),
          item('Kem ốc quế Merino', 'Merino ice-cream cones', [[multi('hop', 6, 'cai'), 55000]]),
          item('Kem hộp Vinamilk sô-cô-la', 'Vinamilk chocolate ice cream', [[pack('hop', ml(450)), 50000]]),
          item("Kem hộp Wall's vani", "Wall's vanilla ice cream", [[pack('hop', ml(450)), 55000]]),
          item('Kem dừa', 'Coconut ice cream', [[pack('hop', ml(500)), 70000]], { origin: BEN_TRE }),
        ],
      },
    ],
  },
  {
    slug: 'hoa-pham',
    vi: 'Hóa phẩm',
    en: 'Household',
    skuPrefix: 'HOU',
    vendor: 'B',
    leaves: [
      {
        slug: 'giat-xa',
        vi: 'Giặt xả',
        en: 'Laundry',
        blurb: 'laundry',
        storage: 'kids',
        shelf: null,
        items: [
          item('Nước giặt OMO Matic cửa trên', 'OMO Matic top-load liquid detergent', [[pack('tui', g(3600)), 175000]]),
          item('Bột giặt OMO', 'OMO laundry powder', [[pack('tui', g(3000)), 145000]]),
          item('Nước giặt Ariel', 'Ariel liquid detergent', [[pack('tui', g(2000)), 115000]]),
          item('Nước giặt Lix', 'Lix liquid detergent', [[pack('tui', g(3600)), 110000]]),
          item('Nước xả vải Comfort', 'Comfort fabric softener', [[pack('tui', ml(3200)), 140000]]),
          item('Nước xả vải Downy', 'Downy fabric softener', [[pack('tui', ml(3000)), 160000]]),
        ],
      },
      {
        slug: 'rua-chen-lau-don',
        vi: 'Rửa chén & lau dọn',
        en: 'Dishwashing & cleaning',
        blurb: 'cleaning',
        storage: 'kids',
        shelf: null,
        items: [
          item('Nước rửa chén Sunlight chanh', 'Sunlight lemon dishwashing liquid', [
            [pack('chai', g(750)), 28000],
            [pack('can', g(3600)), 115000],
          ]),
          item('Nước rửa chén Mỹ Hảo', 'My Hao dishwashing liquid', [[pack('chai', g(750)), 22000]]),
          item('Nước lau sàn Sunlight', 'Sunlight floor cleaner', [[pack('chai', g(1000)), 35000]]),
          item('Nước lau kính Gift', 'Gift glass cleaner', [[pack('chai', ml(580)), 28000]]),
          item('Nước tẩy bồn cầu Vim', 'Vim toilet cleaner', [[pack('chai', ml(880)), 38000]]),
          item('Bình xịt côn trùng Raid', 'Raid insect spray', [[pack('chai', ml(600)), 65000]]),
          item('Túi đựng rác tự hủy', 'Biodegradable rubbish bags', [[multi('loc', 3, 'cuon'), 35000]]),
          item('Miếng rửa chén Scotch-Brite', 'Scotch-Brite scrub sponges', [[multi('goi', 3, 'mieng'), 20000]]),
        ],
      },
      {
        slug: 'giay-khan-giay',
        vi: 'Giấy & khăn giấy',
        en: 'Paper & tissues',
        blurb: 'paper',
        storage: 'dry',
        shelf: null,
        items: [
          item('Giấy vệ sinh Bless You', 'Bless You toilet paper', [[multi('loc', 10, 'cuon'), 65000]]),
          item('Giấy vệ sinh Pulppy', 'Pulppy toilet paper', [[multi('loc', 10, 'cuon'), 75000]]),
          item('Khăn giấy rút Pulppy', 'Pulppy facial tissues', [[multi('goi', 180, 'to'), 15000]]),
          item('Khăn giấy hộp Bless You', 'Bless You boxed tissues', [[multi('hop', 180, 'to'), 25000]]),
          item('Khăn ướt Mamamy', 'Mamamy baby wipes', [[multi('goi', 100, 'to'), 40000]]),
        ],
      },
      {
        slug: 'cham-soc-ca-nhan',
        vi: 'Chăm sóc cá nhân',
        en: 'Personal care',
        blurb: 'personal',
        storage: 'kids',
        shelf: null,
        items: [
          item('Kem đánh răng P/S bảo vệ 123', 'P/S 123 protection toothpaste', [[pack('tuyp', g(180)), 32000]]),
          item('Kem đánh răng Colgate MaxFresh', 'Colgate MaxFresh toothpaste', [[pack('tuyp', g(180)), 38000]]),
          item('Nước súc miệng Listerine', 'Listerine mouthwash', [[pack('chai', ml(250)), 70000]]),
          item('Dầu gội Clear bạc hà', 'Clear cool menthol shampoo', [[pack('chai', ml(650)), 160000]]),
          item('Dầu gội Sunsilk óng mượt', 'Sunsilk smooth & manageable shampoo', [[pack('chai', ml(650)), 135000]]),
          item('Dầu gội bồ kết Thái Dương', 'Thai Duong soapberry shampoo', [[pack('chai', ml(480)), 95000]]),
          item('Sữa tắm Lifebuoy', 'Lifebuoy body wash', [[pack('chai', ml(850)), 150000]]),
          item('Xà phòng cục Lifebuoy', 'Lifebuoy bar soap', [[pack('cuc', g(90)), 12000]]),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

interface ProductLine {
  vi: string;
  en: string;
  factor: number;
  origin?: Place;
}

/** The concrete products one base item stands for: itself plus `plus`, or one per brand. */
function productLines(base: BaseItem): ProductLine[] {
  const varied = (v: Variation): ProductLine => ({
    vi: `${base.vi} ${v.vi}`,
    en: `${v.en} ${lcFirst(base.en)}`,
    factor: v.factor,
    origin: v.origin ?? base.origin,
  });
  if (base.brands) return base.brands.map(varied);
  return [{ vi: base.vi, en: base.en, factor: 1, origin: base.origin }, ...(base.plus ?? []).map(varied)];
}

function buildCatalog(): { categories: DemoCategory[]; products: DemoProduct[] } {
  const categories: DemoCategory[] = [];
  const products: DemoProduct[] = [];
  const itemRefs: Record<Vendor, number> = { A: 0, B: 0 };

  const barcodeFor = (vendor: Vendor): string => {
    itemRefs[vendor] += 1;
    return ean13(`${GS1_VIETNAM}${VENDOR_COMPANY[vendor]}${String(itemRefs[vendor]).padStart(5, '0')}`);
  };

  for (const top of TREE) {
    categories.push({ slug: top.slug, parentSlug: null, nameVi: top.vi, nameEn: top.en });
    for (const leaf of top.leaves) {
      categories.push({ slug: leaf.slug, parentSlug: top.slug, nameVi: leaf.vi, nameEn: leaf.en });
      const vendor = leaf.vendor ?? top.vendor;
      const text = BLURBS[leaf.blurb];

      for (const base of leaf.items) {
        const storage = STORAGE[base.storage ?? leaf.storage];
        for (const line of productLines(base)) {
          const slug = slugify(line.vi);
          // Skip the origin in the sentence when the name already says it ("Cà rốt Đà Lạt").
          const origin = line.origin && !line.vi.includes(line.origin.vi) ? line.origin : undefined;
          products.push({
            slug,
            categorySlug: leaf.slug,
            vendor,
            nameVi: line.vi,
            nameEn: line.en,
            descriptionVi: `${text.vi(line.vi, origin?.vi)} ${storage.vi}`,
            descriptionEn: `${text.en(line.en, origin?.en)} ${storage.en}`,
            perishable: leaf.shelf !== null,
            shelfLifeDays: leaf.shelf === null ? null : (base.shelf ?? leaf.shelf),
            variants: base.variants.map(([unit, price]) => ({
              sku: makeSku(top.skuPrefix, slug, unit.code),
              unitVi: unit.vi,
              unitEn: unit.en,
              priceVnd: roundPrice(price * line.factor),
              barcode: barcodeFor(vendor),
            })),
          });
        }
      }
    }
  }
  return { categories, products };
}

const catalog = buildCatalog();

export const demoCategories: DemoCategory[] = catalog.categories;
export const demoProducts: DemoProduct[] = catalog.products;
