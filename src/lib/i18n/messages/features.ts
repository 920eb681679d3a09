// Feature names as words a shop owner uses, in both languages (src/lib/ui/features.ts looks a
// column up here; a column the user imported keeps its own name). Keys are the feature names of
// src/lib/core/features/history.ts.
export default {
  en: {
    recency_days: 'days since last purchase',
    frequency: 'number of orders',
    monetary_total: 'total spent',
    avg_order_value: 'average order value',
    tenure_days: 'days since first purchase',
    ipi_mean_days: 'average days between purchases',
    ipi_sd_days: 'how regular purchases are (spread in days)',
    ipi_median_days: 'usual days between purchases',
    spend_trend: 'spending trend (up or down)',
    distinct_products: 'different products bought',
    cancelled_share: 'share of lines cancelled or returned',
    distinct_categories: 'different categories bought',
    channel_share: 'share of purchases via {channel}',
    support_contacts: 'support contacts',
    days_since_contact: 'days since last support contact',
    relationships: 'links to other customers'
  },
  zh: {
    recency_days: '距上次购买的天数',
    frequency: '订单数',
    monetary_total: '累计消费',
    avg_order_value: '平均订单金额',
    tenure_days: '距首次购买的天数',
    ipi_mean_days: '平均购买间隔天数',
    ipi_sd_days: '购买规律程度（间隔天数的离散度）',
    ipi_median_days: '通常购买间隔天数',
    spend_trend: '消费趋势（上升或下降）',
    distinct_products: '购买过的不同商品数',
    cancelled_share: '取消或退货的订单行占比',
    distinct_categories: '购买过的不同品类数',
    channel_share: '通过{channel}购买的占比',
    support_contacts: '联系客服次数',
    days_since_contact: '距上次联系客服的天数',
    relationships: '与其他客户的关联数'
  }
};
