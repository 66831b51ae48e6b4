import type { ModuleMessages } from '../messages.js';

const messages: ModuleMessages = {
  zhCN: {
    tianping: {
      live: {
        alert: {
          region: '重大情况提醒',
          more: '另有 %{smart_count} 条提醒',
          people: '%{smart_count} 人',
          occurred: '发生于 %{at}',
          ack_due: '请于 %{at} 前确认',
          acknowledge: '确认收到',
          acknowledged: '已确认收到',
          view: '查看',
          dismiss: '关闭提醒',
        },
        bell: {
          title: '通知',
          label: '通知（%{smart_count} 条未读）',
          mark_all: '全部标为已读',
          empty: '暂无通知',
          enable_desktop: '开启桌面通知',
        },
        status: {
          live: '实时连接正常',
          connecting: '正在连接实时推送…',
          reconnecting: '连接中断，正在重连…',
          stopped: '实时推送已断开',
        },
      },
    },
  },
  en: {
    tianping: {
      live: {
        alert: {
          region: 'Incident alerts',
          more: '%{smart_count} more alert |||| %{smart_count} more alerts',
          people: '%{smart_count} person |||| %{smart_count} people',
          occurred: 'occurred %{at}',
          ack_due: 'acknowledge by %{at}',
          acknowledge: 'Acknowledge',
          acknowledged: 'Acknowledged',
          view: 'View',
          dismiss: 'Dismiss alert',
        },
        bell: {
          title: 'Notifications',
          label: 'Notifications (%{smart_count} unread)',
          mark_all: 'Mark all read',
          empty: 'No notifications',
          enable_desktop: 'Enable desktop notifications',
        },
        status: {
          live: 'Live updates connected',
          connecting: 'Connecting to live updates…',
          reconnecting: 'Connection lost, reconnecting…',
          stopped: 'Live updates disconnected',
        },
      },
    },
  },
};
export default messages;
