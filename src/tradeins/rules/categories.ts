// The 13 品目 of 古物営業法施行規則2条, as stable codes. The ledger records 「品目」 one item per line
// (規則17条, 別記様式第15号), always as one of these. Where a product belongs (e.g. smartphones:
// 機械工具類 or 事務機器類) varies between sources and is staff's choice (DOMAIN 1.3, [inferred]).
import { z } from 'zod';

export const ItemCategory = z.enum([
  'ART',
  'CLOTHING',
  'WATCH_JEWELRY',
  'AUTOMOBILE',
  'MOTORCYCLE',
  'BICYCLE',
  'CAMERA',
  'OFFICE_MACHINE',
  'MACHINE_TOOL',
  'TOOL',
  'LEATHER_RUBBER',
  'BOOK',
  'TICKET',
]);
export type ItemCategory = z.infer<typeof ItemCategory>;

/** Japanese 品目 label as written in the ledger. */
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = {
  ART: '美術品類',
  CLOTHING: '衣類',
  WATCH_JEWELRY: '時計・宝飾品類',
  AUTOMOBILE: '自動車',
  MOTORCYCLE: '自動二輪車及び原動機付自転車',
  BICYCLE: '自転車類',
  CAMERA: '写真機類',
  OFFICE_MACHINE: '事務機器類',
  MACHINE_TOOL: '機械工具類',
  TOOL: '道具類',
  LEATHER_RUBBER: '皮革・ゴム製品類',
  BOOK: '書籍',
  TICKET: '金券類',
};

/** Rule Art. 2 item number (一〜十三), in the order of the Rule. */
export const ITEM_CATEGORY_NUMBERS: Record<ItemCategory, number> = Object.fromEntries(
  ItemCategory.options.map((c, i) => [c, i + 1]),
) as Record<ItemCategory, number>;
