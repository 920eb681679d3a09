// Support-message templates per intent, English and Simplified Chinese, with the suggested reply
// an agent would send. Slots: {order} order id, {product} product name, {days} a number of days.

export const INTENTS = [
  'refund',
  'delivery_status',
  'change_address',
  'product_question',
  'complaint',
  'praise',
  'cancel_account'
] as const;
export type Intent = (typeof INTENTS)[number];

interface Lang {
  openers: readonly string[];
  closers: readonly string[];
  messages: Record<Intent, readonly string[]>;
  replies: Record<Intent, readonly string[]>;
}

export const TEMPLATES: Record<'en' | 'zh', Lang> = {
  en: {
    openers: ['', '', 'Hi, ', 'Hello, ', 'Hi there! ', 'Good morning, '],
    closers: ['', '', ' Thanks.', ' Thank you!', ' Cheers.', ' Please help.'],
    messages: {
      refund: [
        'I returned the {product} from order {order} and still have not got my money back.',
        'Can I get a refund for {product}? It arrived damaged.',
        'I sent back order {order} {days} days ago, when will the refund arrive?',
        'The {product} is not what I expected, I would like a refund please.'
      ],
      delivery_status: [
        'Where is my order {order}? It has been {days} days.',
        'Has order {order} shipped yet?',
        'The tracking for {order} has not updated for {days} days.',
        'When will my {product} arrive?'
      ],
      change_address: [
        'I need to change the delivery address for order {order}.',
        'Can you send order {order} to my office instead?',
        'I moved last week, please update my address before {order} ships.'
      ],
      product_question: [
        'Is the {product} available in another size or colour?',
        'Does the {product} come with a warranty?',
        'How long does the {product} keep once opened?',
        'Will the {product} be back in stock soon?'
      ],
      complaint: [
        'Very disappointed with order {order}, the {product} was broken.',
        'This is the second time my order arrived late. Not acceptable.',
        'Your customer service never answers. I have waited {days} days.',
        'The quality of the {product} has gone down a lot.',
        'I was charged twice for order {order}!'
      ],
      praise: [
        'Love the {product}, will buy again!',
        'Fast delivery and lovely packaging, thank you.',
        'The staff at the shop were so helpful today.',
        'Order {order} arrived early, great service.'
      ],
      cancel_account: [
        'Please close my account and delete my details.',
        'I want to cancel my membership.',
        'Unsubscribe me from everything and remove my account.'
      ]
    },
    replies: {
      refund: [
        'Sorry about that. I have started the refund for order {order}; it should reach you within 5 working days.',
        'We are sorry the item disappointed you. Your refund is being processed and we will e-mail you when it is done.'
      ],
      delivery_status: [
        'Order {order} is on its way; here is the latest tracking update. It should arrive within 2 days.',
        'Thanks for waiting. Your parcel left our warehouse and the courier expects to deliver it soon.'
      ],
      change_address: [
        'Done: order {order} will go to the new address. Please check it in your account.',
        'We have updated the delivery address. If the parcel already shipped we will ask the courier to redirect it.'
      ],
      product_question: [
        'Thanks for asking! The {product} details are on the product page; we can also reserve one for you.',
        'Good question. Let me check with our team about the {product} and get back to you today.'
      ],
      complaint: [
        'I am very sorry about this. I have escalated it and we will send a replacement or refund, as you prefer.',
        'We apologise for the trouble. Here is a 15% voucher while we sort this out for you.'
      ],
      praise: [
        'Thank you so much for the kind words! We will pass them on to the team.',
        'That made our day, thank you! See you again soon.'
      ],
      cancel_account: [
        'We are sorry to see you go. Your account will be closed within 48 hours; may we ask what we could do better?',
        'Your request is noted and your data will be erased. Is there anything we could have done differently?'
      ]
    }
  },
  zh: {
    openers: ['', '', '你好，', '您好，', '客服你好，', '请问，'],
    closers: ['', '', '谢谢。', '谢谢！', '麻烦尽快处理。', '辛苦了。'],
    messages: {
      refund: [
        '订单{order}里的{product}已经退回了，为什么还没有退款？',
        '{product}收到时是坏的，可以退款吗？',
        '我{days}天前寄回了订单{order}，退款什么时候到账？',
        '{product}和描述不符，我想申请退款。'
      ],
      delivery_status: [
        '我的订单{order}到哪里了？已经{days}天了。',
        '订单{order}发货了吗？',
        '订单{order}的物流信息{days}天没有更新了。',
        '我买的{product}什么时候能到？'
      ],
      change_address: [
        '我需要修改订单{order}的收货地址。',
        '订单{order}可以改寄到我公司吗？',
        '我上周搬家了，请在订单{order}发货前更新地址。'
      ],
      product_question: [
        '{product}有其他尺寸或颜色吗？',
        '{product}有保修吗？',
        '{product}开封后能保存多久？',
        '{product}什么时候补货？'
      ],
      complaint: [
        '订单{order}太让人失望了，{product}是坏的。',
        '这已经是第二次迟到了，无法接受。',
        '客服一直不回复，我已经等了{days}天。',
        '{product}的质量下降了很多。',
        '订单{order}被扣了两次款！'
      ],
      praise: [
        '很喜欢这个{product}，会再来买的！',
        '发货很快，包装也很好，谢谢。',
        '今天门店的店员非常热情。',
        '订单{order}提前到了，服务很好。'
      ],
      cancel_account: [
        '请注销我的账户并删除我的资料。',
        '我想取消会员。',
        '请帮我退订所有消息并注销账户。'
      ]
    },
    replies: {
      refund: [
        '非常抱歉。订单{order}的退款已经提交，预计5个工作日内到账。',
        '很抱歉商品让您失望了。退款正在处理中，完成后会邮件通知您。'
      ],
      delivery_status: [
        '订单{order}正在配送中，这是最新物流信息，预计2天内送达。',
        '感谢您的耐心等待。包裹已经出库，快递会尽快为您派送。'
      ],
      change_address: [
        '已为您修改订单{order}的收货地址，请在账户中确认。',
        '收货地址已更新。如果包裹已发出，我们会联系快递改派。'
      ],
      product_question: [
        '感谢咨询！{product}的详细信息在商品页面，我们也可以为您预留一件。',
        '好的，我向同事确认一下{product}的情况，今天内回复您。'
      ],
      complaint: [
        '非常抱歉给您带来不便。我们已升级处理，可以为您换货或退款。',
        '抱歉给您添麻烦了。先送您一张85折优惠券，我们会尽快解决。'
      ],
      praise: ['非常感谢您的好评！我们会转告团队。', '谢谢您的支持，期待再次为您服务！'],
      cancel_account: [
        '很遗憾您要离开。账户将在48小时内注销，方便告诉我们哪里可以做得更好吗？',
        '已收到您的请求，您的资料将被删除。请问有什么我们可以改进的地方吗？'
      ]
    }
  }
};

/** Fill `{slot}` placeholders. */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m);
}
