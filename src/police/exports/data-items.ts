// The data items a packet gives (DOMAIN rule 38: the internal log records "data items"), named as
// a compliance officer would list them, and only those actually present in this packet.
import type { PacketContent } from '../packet/types.js';

export function dataItemsOf(c: PacketContent): string[] {
  const rs = c.records;
  const items = ['取引年月日', '区別', '品目', '品名', '数量', '単価', '特徴'];
  const any = (f: (r: PacketContent['records'][number]) => unknown) => rs.some((r) => !!f(r));
  if (any((r) => r.item.identifiers.imei || r.item.identifiers.serialNumber || r.item.identifiers.chassisNumber || r.item.identifiers.plateNumber)) items.push('識別番号（製造番号・IMEI・車台番号・登録番号）');
  if (any((r) => r.counterparty?.name)) items.push('相手方の氏名');
  if (any((r) => r.counterparty?.address)) items.push('相手方の住所');
  if (any((r) => r.counterparty?.occupation)) items.push('相手方の職業');
  if (any((r) => r.counterparty?.age != null)) items.push('相手方の年齢');
  if (any((r) => r.counterparty?.dateOfBirth)) items.push('相手方の生年月日');
  if (any((r) => r.verification)) items.push('確認の区分及び方法', '確認書類の種類');
  if (any((r) => r.images.some((i) => i.kind === 'id_document'))) items.push('本人確認書類の画像（マスク済み）');
  if (any((r) => r.images.some((i) => i.kind === 'item_photo'))) items.push('物品の写真');
  if (any((r) => r.disposal)) items.push('払出しの記録');
  if (any((r) => r.disposal?.counterparty)) items.push('払出しの相手方');
  items.push('担当者の氏名及び日時');
  if (any((r) => r.amendments.length)) items.push('訂正履歴');
  return items;
}
