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
    enums: {
      IncidentAlertKind: {
        REPORTED: '重大情况报告',
        UPDATED: '重大情况续报',
        ESCALATED: '重大情况升级',
        ACKNOWLEDGED: '重大情况已确认',
        RESOLVED: '重大情况处置完毕',
      },
      IncidentSeverity: { I: 'Ⅰ级（特别重大）', II: 'Ⅱ级（重大）', III: 'Ⅲ级（较大）', IV: 'Ⅳ级（一般）' },
      IncidentCategory: {
        MASS_GATHERING: '群体聚集',
        OFFICE_DISRUPTION: '扰乱办公秩序',
        SERIOUS_DISORDER: '严重滋事',
        THREAT_OF_EXTREME_ACTION: '扬言极端行为',
        OTHER: '其他',
      },
      NotificationKind: {
        CASE_ASSIGNED: '交办',
        DEADLINE_WARNING: '期限提醒',
        FEEDBACK_POSTED: '反馈',
        OVERDUE: '已逾期',
        SUPERVISION_ESCALATED: '督办升级',
        SUPERVISION_ISSUED: '督办',
        SUPERVISION_RESPONDED: '督办回复',
        TRANSFER_DECIDED: '转办结果',
        TRANSFER_RECEIVED: '收到转办',
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
    enums: {
      IncidentAlertKind: {
        REPORTED: 'Incident reported',
        UPDATED: 'Incident update',
        ESCALATED: 'Incident escalated',
        ACKNOWLEDGED: 'Incident acknowledged',
        RESOLVED: 'Incident resolved',
      },
      IncidentSeverity: { I: 'Level I (extremely serious)', II: 'Level II (serious)', III: 'Level III (major)', IV: 'Level IV (general)' },
      IncidentCategory: {
        MASS_GATHERING: 'Mass gathering',
        OFFICE_DISRUPTION: 'Office disruption',
        SERIOUS_DISORDER: 'Serious disorder',
        THREAT_OF_EXTREME_ACTION: 'Threat of extreme action',
        OTHER: 'Other',
      },
      NotificationKind: {
        CASE_ASSIGNED: 'Case assigned',
        DEADLINE_WARNING: 'Deadline warning',
        FEEDBACK_POSTED: 'Feedback',
        OVERDUE: 'Overdue',
        SUPERVISION_ESCALATED: 'Supervision escalated',
        SUPERVISION_ISSUED: 'Supervision order',
        SUPERVISION_RESPONDED: 'Supervision response',
        TRANSFER_DECIDED: 'Transfer decided',
        TRANSFER_RECEIVED: 'Transfer received',
      },
    },
  },
};
export default messages;
