// Field catalogue: for each kind of export, the target fields Rapport knows, their type,
// whether they are required and the header names (English and Chinese) that mean them.
import type { EntityKind } from '../types';

export type FieldType = 'id' | 'string' | 'text' | 'number' | 'date';

export interface FieldSpec {
  field: string;
  type: FieldType;
  required: boolean;
  synonyms: string[];
  /** Short English description for the mapping screen. */
  label: string;
}

const f = (
  field: string,
  type: FieldType,
  required: boolean,
  label: string,
  synonyms: string[]
): FieldSpec => ({ field, type, required, label, synonyms: [field, ...synonyms] });

const customerId = (required: boolean, extra: string[] = []) =>
  f('customerId', 'id', required, 'Customer id', [
    ...extra,
    'CustomerID', 'customer_id', 'Customer Id', 'cust_id', 'customer', 'client id', 'client_id',
    'customer number', 'customer no', 'customerno', 'member id', 'member_id', 'user id',
    'user_id', 'userid', 'buyer id', 'account id', '客户编号', '客户ID', '客户id', '会员号',
    '会员编号', '会员ID', '用户ID', '用户id', '客户号', '买家ID', '顾客编号'
  ]); // prettier-ignore

const channel = f('channel', 'string', false, 'Channel (per row)', [
  'source channel', 'sales channel', '渠道', '来源渠道'
]); // prettier-ignore

const country = f('country', 'string', false, 'Country', [
  'Country', 'country_code', 'nation', 'region', '国家', '国家/地区', '地区'
]); // prettier-ignore

export const FIELDS: Record<EntityKind, FieldSpec[]> = {
  customers: [
    customerId(true, ['id']),
    f('name', 'string', false, 'Name', [
      'Name', 'full name', 'full_name', 'customer name', 'customer_name', 'client name',
      'contact name', '姓名', '名称', '客户名称', '客户姓名', '会员名', '名字'
    ]),
    f('email', 'string', false, 'E-mail', [
      'Email', 'e-mail', 'email address', 'mail', 'email_address', '邮箱', '电子邮件', '电子邮箱'
    ]),
    f('phone', 'string', false, 'Phone', [
      'Phone', 'phone number', 'telephone', 'tel', 'mobile', 'mobile phone', 'cell',
      '电话', '手机', '手机号', '手机号码', '联系电话'
    ]),
    country,
    f('city', 'string', false, 'City', ['City', 'town', '城市', '所在城市']),
    f('createdAt', 'date', false, 'Customer since', [
      'created_at', 'created', 'signup date', 'signup_date', 'sign up date', 'registered',
      'registration date', 'join date', 'joined', 'customer since', 'first seen',
      '注册时间', '注册日期', '入会时间', '加入时间', '创建时间'
    ]),
    channel
  ],
  orders: [
    f('orderId', 'id', false, 'Order / invoice number', [
      'InvoiceNo', 'invoice', 'invoice_no', 'invoice number', 'invoice id', 'order_id',
      'order id', 'order number', 'order no', 'orderno', 'transaction id', 'transaction_id',
      'receipt', 'receipt no', '订单号', '订单编号', '订单ID', '发票号', '单号', '交易号'
    ]),
    customerId(true),
    f('productId', 'id', false, 'Product code', [
      'StockCode', 'stock code', 'sku', 'product_id', 'product id', 'product code', 'item id',
      'item_id', 'item code', 'article', 'article number', 'barcode', 'ean', '商品编码',
      '商品编号', '商品ID', '产品编号', '货号', '物料编码'
    ]),
    f('productName', 'string', false, 'Product description', [
      'Description', 'product name', 'product_name', 'item name', 'item', 'product', 'title',
      '商品名称', '商品', '产品名称', '品名', '描述'
    ]),
    f('quantity', 'number', false, 'Quantity', [
      'Quantity', 'qty', 'quantity ordered', 'units', 'number_of_cds', 'number of items',
      'num_items', 'count', 'pieces', '数量', '购买数量', '件数'
    ]),
    f('unitPrice', 'number', false, 'Unit price', [
      'UnitPrice', 'unit price', 'unit_price', 'price', 'price each', 'item price', '单价',
      '价格', '商品单价', '售价'
    ]),
    f('amount', 'number', false, 'Line total', [
      'amount', 'total', 'line total', 'line_total', 'total price', 'sales', 'revenue',
      'dollar_value', 'value', 'subtotal', 'order total', '金额', '总价', '合计', '小计',
      '实付金额', '订单金额'
    ]),
    f('ts', 'date', true, 'Order date', [
      'InvoiceDate', 'invoice date', 'order_date', 'order date', 'date', 'purchase date',
      'transaction date', 'timestamp', 'created_at', 'datetime', 'time', '下单时间', '订单日期',
      '日期', '购买时间', '交易时间', '付款时间', '时间'
    ]),
    country,
    channel
  ],
  products: [
    f('productId', 'id', true, 'Product code', [
      'StockCode', 'stock code', 'sku', 'product_id', 'product id', 'product code', 'item id',
      'item_id', 'id', 'article', 'barcode', '商品编码', '商品编号', '商品ID', '产品编号', '货号'
    ]),
    f('name', 'string', false, 'Name', [
      'Description', 'product name', 'product_name', 'name', 'title', 'item name',
      '商品名称', '名称', '产品名称', '品名'
    ]),
    f('category', 'string', false, 'Category', [
      'category', 'product category', 'department', 'type', 'product type', 'genre',
      '类别', '分类', '商品类别', '品类', '类目'
    ]),
    f('price', 'number', false, 'Price', [
      'price', 'unit price', 'UnitPrice', 'list price', 'retail price', '价格', '单价', '售价'
    ])
  ],
  interactions: [
    f('interactionId', 'id', false, 'Message / ticket id', [
      'id', 'ticket id', 'ticket_id', 'message id', 'message_id', 'case id', 'call id',
      'conversation id', '工单号', '工单编号', '消息ID', '编号'
    ]),
    customerId(true),
    f('ts', 'date', true, 'Date', [
      'date', 'timestamp', 'created_at', 'created', 'sent at', 'received', 'time', 'datetime',
      '时间', '日期', '创建时间', '发送时间'
    ]),
    f('kind', 'string', false, 'Type (message, ticket, call)', [
      'type', 'kind', 'interaction type', 'medium', '类型', '方式'
    ]),
    f('text', 'text', true, 'Text', [
      'text', 'message', 'body', 'content', 'comment', 'review', 'subject', 'note', 'notes',
      'transcript', 'utterance', 'query', '内容', '消息', '留言', '评论', '文本', '咨询内容'
    ]),
    f('label', 'string', false, 'Label / intent', [
      'label', 'intent', 'category', 'topic', 'tag', 'sentiment', '标签', '意图', '分类', '类别'
    ]),
    f('reply', 'text', false, 'Reply', [
      'reply', 'response', 'answer', 'agent reply', '回复', '答复', '客服回复'
    ]),
    channel
  ],
  relationships: [
    f('from', 'id', true, 'From customer', [
      'source', 'from', 'from_id', 'referrer', 'referrer id', 'follower', 'inviter', 'src',
      'customer_a', 'node1', '推荐人', '邀请人', '来源', '关注者'
    ]),
    f('to', 'id', true, 'To customer', [
      'target', 'to', 'to_id', 'referee', 'referred', 'referred customer', 'followee',
      'invitee', 'dst', 'customer_b', 'node2', '被推荐人', '被邀请人', '目标', '被关注者'
    ]),
    f('kind', 'string', false, 'Relationship type', [
      'type', 'kind', 'relation', 'relationship', 'link type', '关系', '类型', '关系类型'
    ]),
    f('weight', 'number', false, 'Weight', ['weight', 'strength', 'score', 'count', '权重', '强度']),
    f('ts', 'date', false, 'Date', ['date', 'timestamp', 'created_at', 'time', '日期', '时间'])
  ]
}; // prettier-ignore

export function fieldSpec(kind: EntityKind, field: string): FieldSpec | undefined {
  return FIELDS[kind].find((s) => s.field === field);
}

/** Required fields that are not mapped, including "one of" rules (orders need a price or amount). */
export function missingRequired(kind: EntityKind, mapping: Record<string, string>): string[] {
  const missing = FIELDS[kind].filter((s) => s.required && !mapping[s.field]).map((s) => s.field);
  if (kind === 'orders' && !mapping.unitPrice && !mapping.amount)
    missing.push('unitPrice or amount');
  return missing;
}
