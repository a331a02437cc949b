import { useCallback, useSyncExternalStore } from 'react';
import type { OrgKind, Role } from '../contracts/auth';
import { chainsEn, chainsZh } from './messages/chains';
import { matchingEn, matchingZh } from './messages/matching';
import { innovationEn, innovationZh } from './messages/innovation';
import { workbenchEn, workbenchZh } from './messages/workbench';
import { assessmentEn, assessmentZh } from './messages/assessment';
import { capitalEn, capitalZh } from './messages/capital';
import { fairsEn, fairsZh } from './messages/fairs';
import { dealsEn, dealsZh } from './messages/deals';
import { riskEn, riskZh } from './messages/risk';
import { supplyEn, supplyZh } from './messages/supply';
import { servicesEn, servicesZh } from './messages/services';
import { ENTERPRISE_TAGS, SIZES, SIZE_LABELS, TAG_LABELS, type EnterpriseTag, type Size } from '../contracts/enterprises';

/** UI languages. Chinese first; English is the switch. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const STORAGE_KEY = 'xieshou.lang';

/** Chinese messages. Tag and size labels come from the contracts so that web, CLI and exports agree. */
const baseZh = {
  'app.name': '携手 · 大中小企业融通创新平台',
  'app.footer': '携手 · 促进大中小企业融通创新',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.edit': '编辑',
  'common.reset': '重置',
  'common.prev': '上一页',
  'common.next': '下一页',
  'common.total': '共 {n} 条',
  'common.totalEnterprises': '共 {n} 家企业',
  'common.page': '第 {n} 页',
  'common.none': '暂无',
  'common.backHome': '返回首页',
  'common.saved': '已保存',
  'common.created': '已创建',
  'common.loadMore': '加载更多',
  'common.requestId': '请求编号',
  'common.networkError': '无法连接服务器，请检查网络后重试',
  'common.forbidden': '您没有访问此页面的权限',
  'common.pageNotFound': '页面不存在',
  'common.comingSoon': '建设中',
  'common.required': '请填写{field}',
  'common.retry': '重试',

  'lang.switch': 'English',

  'role.platform_admin': '平台管理员',
  'role.gov': '政府主管部门',
  'role.member': '企业用户',
  'role.expert': '专家',

  'login.title': '用户登录',
  'login.subtitle': '推动大中小企业融通创新 · 携手行动',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.demoTitle': '演示账号（密码均为 xieshou123）',
  'login.demo.admin': '平台管理员',
  'login.demo.gov_js': '江苏省主管部门',
  'login.demo.gov_sz': '苏州市主管部门',
  'login.demo.gov_wx': '无锡市主管部门',
  'login.demo.leader': '大企业（链主）用户',
  'login.demo.sme': '中小企业用户',
  'login.demo.expert': '专家',
  'login.demoHint': '点击账号即可填入',

  'header.logout': '退出登录',
  'header.nationwide': '全国',

  'menu.home': '首页',
  'menu.enterprises': '企业库',
  'menu.import': '企业导入',
  'menu.users': '用户管理',
  'menu.myEnterprise': '本企业',
  'menu.chains': '产业链',
  'menu.matching': '供需对接',
  'menu.challenges': '发榜揭榜',
  'menu.finance': '资金链',
  'menu.assessment': '评价',
  'menu.dispatch': '调度',
  'menu.groupPlanned': '更多模块',
  'menu.group.main': '常用',
  'menu.group.chains': '企业与产业链',
  'menu.group.matching': '供需对接',
  'menu.group.innovation': '创新与人才',
  'menu.group.capital': '资金链',
  'menu.group.assessment': '评价',
  'menu.group.workbench': '调度与服务',
  'menu.group.admin': '系统管理',

  'home.greeting': '您好，{name}',
  'home.scope': '数据范围：{scope}',
  'home.org': '所属单位：{org}',
  'home.stats': '企业概况',
  'home.totalInScope': '范围内企业',
  'home.whatYouCanDo': '您可以在这里',
  'home.intro.platform_admin': '管理全平台的企业、用户与基础数据。',
  'home.intro.gov': '掌握辖区内企业底数，开展梯度培育、供需对接与调度工作。',
  'home.intro.member': '维护本企业档案，参与供需对接、发榜揭榜等融通创新活动。',
  'home.intro.expert': '参与技术咨询、评审与对企业的指导服务。',
  'home.link.enterprises': '按地区、行业、规模、标签查询企业，并导出 Excel',
  'home.link.import': '下载模板，批量导入或更新企业名录',
  'home.link.users': '创建政府、企业和专家账号',
  'home.link.myEnterprise': '查看并维护本企业的档案、资质与经营数据',
  'home.link.expertSoon': '专家咨询、评审功能正在建设中，敬请期待',
  'home.noOrg': '您的账号尚未关联企业，请联系平台管理员。',

  'ent.name': '企业名称',
  'ent.uscc': '统一社会信用代码',
  'ent.region': '地区',
  'ent.industry': '行业',
  'ent.size': '规模',
  'ent.tags': '标签',
  'ent.products': '主要产品',
  'ent.capabilities': '企业能力',
  'ent.certifications': '资质认证',
  'ent.employees': '从业人员',
  'ent.revenue': '营业收入（万元）',
  'ent.assets': '资产总额（万元）',
  'ent.rdSpend': '研发费用（万元）',
  'ent.year': '数据年份',
  'ent.updatedAt': '更新时间',
  'ent.createdAt': '创建时间',
  'ent.sizeUnknown': '未划型',
  'ent.sizeBasis': '划型依据',
  'ent.basis.indicator': '指标',
  'ent.basis.value': '数值',
  'ent.basis.band': '标准区间',
  'ent.basis.size': '对应规模',
  'ent.basis.explanation': '说明',
  'ent.basis.employees': '从业人员',
  'ent.basis.revenue': '营业收入',
  'ent.basis.assets': '资产总额',
  'ent.basis.empty': '缺少划型所需的行业或经营数据',
  'ent.cert.name': '名称',
  'ent.cert.issuer': '发证机构',
  'ent.cert.number': '证书编号',
  'ent.cert.expiresOn': '有效期至',
  'ent.cert.expired': '已过期',
  'ent.cert.expiring': '即将到期',
  'ent.cert.noExpiry': '长期',
  'ent.cert.add': '添加资质',
  'ent.restricted': '受限信息',
  'ent.restrictedHint': '以下信息仅对本企业、辖区主管部门和平台管理员可见',
  'ent.contacts': '联系人',
  'ent.contact.name': '姓名',
  'ent.contact.title': '职务',
  'ent.contact.phone': '电话',
  'ent.contact.email': '邮箱',
  'ent.contact.add': '添加联系人',
  'ent.financials': '经营数据',
  'ent.financial.add': '添加年度数据',
  'ent.history': '变更记录',
  'ent.history.empty': '暂无变更记录',
  'ent.history.system': '系统',
  'ent.history.records': '{n} 条记录',
  'ent.history.action.create': '创建',
  'ent.history.action.update': '修改',
  'ent.history.action.importCreate': '导入新增',
  'ent.history.action.importUpdate': '导入更新',
  'ent.notFound': '企业不存在或不在您的权限范围内',
  'ent.backToList': '返回企业库',
  'ent.edit': '编辑企业',
  'ent.productsPlaceholder': '输入产品名称后回车',
  'ent.productTooLong': '每个产品名称不超过 {n} 个字',
  'ent.capabilitiesPlaceholder': '主要技术、工艺、产能、配套能力等',
  'ent.usccInvalid': '统一社会信用代码无效',
  'ent.sizePreview': '预估规模',

  'list.title': '企业库',
  'list.regionPlaceholder': '地区',
  'list.industryPlaceholder': '行业（可搜索）',
  'list.sizePlaceholder': '规模',
  'list.tagPlaceholder': '标签',
  'list.qPlaceholder': '企业名称或拼音首字母',
  'list.export': '导出Excel',
  'list.create': '新增企业',
  'list.createTitle': '新增企业',
  'list.empty': '没有符合条件的企业',

  'import.title': '企业导入',
  'import.step.upload': '下载模板并上传',
  'import.step.preview': '预览与确认',
  'import.step.result': '导入结果',
  'import.templateHint': '请先下载模板，按模板列填写后上传。必填列：{cols}。',
  'import.templateXlsx': '下载 Excel 模板',
  'import.templateCsv': '下载 CSV 模板',
  'import.dragger': '点击或将文件拖到此处上传',
  'import.draggerHint': '支持 .xlsx 和 .csv，单个文件不超过 {mb} MB、{rows} 行',
  'import.wrongType': '只支持 .xlsx 和 .csv 文件',
  'import.tooLarge': '文件超过 {mb} MB',
  'import.uploading': '正在上传…',
  'import.checking': '正在校验数据…',
  'import.committing': '正在导入…',
  'import.file': '文件：{name}',
  'import.rows': '数据行',
  'import.valid': '有效行',
  'import.errors': '错误',
  'import.uncertain': '待确认',
  'import.errorsTitle': '错误明细',
  'import.errorsHint': '请修改文件后重新上传；存在错误时不能提交。',
  'import.err.row': '行',
  'import.err.field': '字段',
  'import.err.message': '问题',
  'import.uncertainTitle': '疑似重复企业',
  'import.uncertainHint': '以下企业与库中已有企业名称相同但信用代码不同，请逐条确认。您的选择会被记住。',
  'import.unc.row': '行',
  'import.unc.new': '导入的企业',
  'import.unc.existing': '库中已有企业',
  'import.unc.decision': '处理方式',
  'import.decision.distinct': '不同企业（导入）',
  'import.decision.skip': '同一企业（跳过）',
  'import.allDistinct': '全部视为不同企业',
  'import.allSkip': '全部跳过',
  'import.reupload': '重新上传',
  'import.commit': '提交导入',
  'import.commitBlockedErrors': '请先修正全部错误',
  'import.commitBlockedDecisions': '请为每条疑似重复企业选择处理方式',
  'import.ready': '校验通过，可以提交导入',
  'import.commitFailed': '导入未完成，未写入任何数据',
  'import.done': '导入完成',
  'import.created': '新增',
  'import.updated': '更新',
  'import.skipped': '跳过',
  'import.toList': '查看企业库',
  'import.again': '继续导入',

  'users.title': '用户管理',
  'users.create': '新建用户',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.password': '初始密码',
  'users.passwordHint': '至少 8 位，含字母、数字、符号中的至少两类，不能包含用户名，不能是常见密码',
  'users.role': '角色',
  'users.region': '管辖地区',
  'users.org': '所属单位',
  'users.orgUscc': '所属企业信用代码',
  'users.orgKind': '单位类型',
  'users.orgKindDefault': '按企业规模自动判断',
  'users.createdAt': '创建时间',
  'users.actions': '操作',
  'users.revokeSessions': '强制下线',
  'users.revokeConfirm': '结束用户 {name} 在所有设备上的登录？其正在使用的页面将需要重新登录。',
  'users.sessionsRevoked': '已结束 {name} 的 {n} 个登录会话',
  'account.title': '我的账户',
  'account.sessions': '登录设备',
  'account.sessionsHint': '以下是您当前有效的登录会话。发现不认识的设备或地址时，请“退出其他设备”并修改密码。',
  'account.revokeOthers': '退出其他设备',
  'account.revokeConfirm': '结束除本设备外的所有登录？本设备保持登录。',
  'account.revoked': '已结束 {n} 个其他设备的登录',
  'account.current': '本设备',
  'account.createdAt': '登录时间',
  'account.lastSeenAt': '最近活动',
  'account.expiresAt': '过期时间',
  'account.clientIp': '登录地址',
  'account.userAgent': '浏览器',
  'header.account': '我的账户',

  'orgKind.large_enterprise': '大企业',
  'orgKind.sme': '中小企业',
  'orgKind.research_institute': '科研院所',
  'orgKind.university': '高校',
  'orgKind.bank': '金融机构',
  'orgKind.association': '行业协会',
  'orgKind.service_provider': '服务机构',
  'orgKind.government': '政府部门',

  ...prefixed('tag', ENTERPRISE_TAGS, TAG_LABELS),
  ...prefixed('size', SIZES, SIZE_LABELS),
} as const;

/** Each module's messages live in `messages/<module>.ts`, so that modules do not edit one file. */
const zh = { ...baseZh, ...chainsZh, ...supplyZh, ...riskZh, ...matchingZh, ...dealsZh, ...fairsZh, ...capitalZh, ...assessmentZh, ...workbenchZh, ...innovationZh, ...servicesZh } as const;

export type MessageKey = keyof typeof zh;

const baseEn: Record<keyof typeof baseZh, string> = {
  'app.name': 'Xieshou · Large–SME Integrated Innovation Platform',
  'app.footer': 'Xieshou · integrated innovation of large enterprises and SMEs',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.reset': 'Reset',
  'common.prev': 'Previous',
  'common.next': 'Next',
  'common.total': '{n} in total',
  'common.totalEnterprises': '{n} enterprises',
  'common.page': 'Page {n}',
  'common.none': 'None',
  'common.backHome': 'Back to home',
  'common.saved': 'Saved',
  'common.created': 'Created',
  'common.loadMore': 'Load more',
  'common.requestId': 'Request ID',
  'common.networkError': 'Cannot reach the server. Check your network and try again.',
  'common.forbidden': 'You are not allowed to open this page',
  'common.pageNotFound': 'Page not found',
  'common.comingSoon': 'soon',
  'common.required': 'Please enter {field}',
  'common.retry': 'Retry',

  'lang.switch': '中文',

  'role.platform_admin': 'Platform admin',
  'role.gov': 'Government',
  'role.member': 'Enterprise user',
  'role.expert': 'Expert',

  'login.title': 'Sign in',
  'login.subtitle': 'Large enterprises and SMEs, innovating together',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed',
  'login.demoTitle': 'Demo accounts (password xieshou123)',
  'login.demo.admin': 'Platform admin',
  'login.demo.gov_js': 'Jiangsu province authority',
  'login.demo.gov_sz': 'Suzhou city authority',
  'login.demo.gov_wx': 'Wuxi city authority',
  'login.demo.leader': 'Large enterprise (chain leader)',
  'login.demo.sme': 'SME user',
  'login.demo.expert': 'Expert',
  'login.demoHint': 'Click an account to fill it in',

  'header.logout': 'Sign out',
  'header.nationwide': 'Nationwide',

  'menu.home': 'Home',
  'menu.enterprises': 'Enterprises',
  'menu.import': 'Import',
  'menu.users': 'Users',
  'menu.myEnterprise': 'My enterprise',
  'menu.chains': 'Industry chains',
  'menu.matching': 'Matching',
  'menu.challenges': 'Challenges',
  'menu.finance': 'Finance',
  'menu.assessment': 'Assessment',
  'menu.dispatch': 'Dispatch',
  'menu.groupPlanned': 'More modules',
  'menu.group.main': 'General',
  'menu.group.chains': 'Enterprises and chains',
  'menu.group.matching': 'Supply and demand',
  'menu.group.innovation': 'Innovation and talent',
  'menu.group.capital': 'Capital',
  'menu.group.assessment': 'Assessment',
  'menu.group.workbench': 'Workbench and services',
  'menu.group.admin': 'Administration',

  'home.greeting': 'Hello, {name}',
  'home.scope': 'Scope: {scope}',
  'home.org': 'Organisation: {org}',
  'home.stats': 'Enterprises at a glance',
  'home.totalInScope': 'Enterprises in scope',
  'home.whatYouCanDo': 'What you can do here',
  'home.intro.platform_admin': 'Manage enterprises, users and reference data of the whole platform.',
  'home.intro.gov': 'Know the enterprises of your region, grow them tier by tier, match supply and demand, follow up work.',
  'home.intro.member': 'Keep your enterprise profile up to date and take part in matching and challenges.',
  'home.intro.expert': 'Advise, review and coach enterprises.',
  'home.link.enterprises': 'Find enterprises by region, industry, size and tag; export to Excel',
  'home.link.import': 'Download the template and import or update enterprises in bulk',
  'home.link.users': 'Create government, enterprise and expert accounts',
  'home.link.myEnterprise': 'View and maintain your enterprise profile, certifications and figures',
  'home.link.expertSoon': 'Consultation and review tools for experts are coming soon',
  'home.noOrg': 'Your account is not linked to an enterprise yet. Please contact the platform admin.',

  'ent.name': 'Name',
  'ent.uscc': 'USCC',
  'ent.region': 'Region',
  'ent.industry': 'Industry',
  'ent.size': 'Size',
  'ent.tags': 'Tags',
  'ent.products': 'Main products',
  'ent.capabilities': 'Capabilities',
  'ent.certifications': 'Certifications',
  'ent.employees': 'Employees',
  'ent.revenue': 'Revenue (10k CNY)',
  'ent.assets': 'Total assets (10k CNY)',
  'ent.rdSpend': 'R&D spend (10k CNY)',
  'ent.year': 'Year',
  'ent.updatedAt': 'Updated',
  'ent.createdAt': 'Created',
  'ent.sizeUnknown': 'Not classified',
  'ent.sizeBasis': 'Size basis',
  'ent.basis.indicator': 'Indicator',
  'ent.basis.value': 'Value',
  'ent.basis.band': 'Band',
  'ent.basis.size': 'Size',
  'ent.basis.explanation': 'Explanation',
  'ent.basis.employees': 'Employees',
  'ent.basis.revenue': 'Revenue',
  'ent.basis.assets': 'Total assets',
  'ent.basis.empty': 'Industry or figures needed for the size class are missing',
  'ent.cert.name': 'Name',
  'ent.cert.issuer': 'Issuer',
  'ent.cert.number': 'Number',
  'ent.cert.expiresOn': 'Expires on',
  'ent.cert.expired': 'Expired',
  'ent.cert.expiring': 'Expiring soon',
  'ent.cert.noExpiry': 'No expiry',
  'ent.cert.add': 'Add certification',
  'ent.restricted': 'Restricted',
  'ent.restrictedHint': 'Visible only to the enterprise, the government authority in charge and platform admins',
  'ent.contacts': 'Contacts',
  'ent.contact.name': 'Name',
  'ent.contact.title': 'Title',
  'ent.contact.phone': 'Phone',
  'ent.contact.email': 'Email',
  'ent.contact.add': 'Add contact',
  'ent.financials': 'Yearly figures',
  'ent.financial.add': 'Add year',
  'ent.history': 'History',
  'ent.history.empty': 'No changes recorded',
  'ent.history.system': 'System',
  'ent.history.records': '{n} records',
  'ent.history.action.create': 'Created',
  'ent.history.action.update': 'Updated',
  'ent.history.action.importCreate': 'Imported (new)',
  'ent.history.action.importUpdate': 'Imported (update)',
  'ent.notFound': 'The enterprise does not exist or is outside your scope',
  'ent.backToList': 'Back to enterprises',
  'ent.edit': 'Edit enterprise',
  'ent.productsPlaceholder': 'Type a product and press Enter',
  'ent.productTooLong': 'Each product name has at most {n} characters',
  'ent.capabilitiesPlaceholder': 'Technologies, processes, capacity, supply capabilities…',
  'ent.usccInvalid': 'Invalid unified social credit code',
  'ent.sizePreview': 'Estimated size',

  'list.title': 'Enterprises',
  'list.regionPlaceholder': 'Region',
  'list.industryPlaceholder': 'Industry (searchable)',
  'list.sizePlaceholder': 'Size',
  'list.tagPlaceholder': 'Tag',
  'list.qPlaceholder': 'Name or pinyin initials',
  'list.export': 'Export Excel',
  'list.create': 'New enterprise',
  'list.createTitle': 'New enterprise',
  'list.empty': 'No enterprises match the filters',

  'import.title': 'Import enterprises',
  'import.step.upload': 'Template & upload',
  'import.step.preview': 'Preview & confirm',
  'import.step.result': 'Result',
  'import.templateHint': 'Download the template, fill in its columns and upload it. Required columns: {cols}.',
  'import.templateXlsx': 'Excel template',
  'import.templateCsv': 'CSV template',
  'import.dragger': 'Click or drag a file here to upload',
  'import.draggerHint': '.xlsx or .csv, at most {mb} MB and {rows} rows',
  'import.wrongType': 'Only .xlsx and .csv files are accepted',
  'import.tooLarge': 'The file is larger than {mb} MB',
  'import.uploading': 'Uploading…',
  'import.checking': 'Checking the data…',
  'import.committing': 'Importing…',
  'import.file': 'File: {name}',
  'import.rows': 'Rows',
  'import.valid': 'Valid',
  'import.errors': 'Errors',
  'import.uncertain': 'To confirm',
  'import.errorsTitle': 'Errors',
  'import.errorsHint': 'Fix the file and upload it again; a file with errors cannot be imported.',
  'import.err.row': 'Row',
  'import.err.field': 'Field',
  'import.err.message': 'Problem',
  'import.uncertainTitle': 'Possible duplicates',
  'import.uncertainHint': 'These enterprises have the same name as existing ones but another credit code. Decide for each; your choices are remembered.',
  'import.unc.row': 'Row',
  'import.unc.new': 'In the file',
  'import.unc.existing': 'Already registered',
  'import.unc.decision': 'Decision',
  'import.decision.distinct': 'Different (import)',
  'import.decision.skip': 'Same (skip)',
  'import.allDistinct': 'All different',
  'import.allSkip': 'Skip all',
  'import.reupload': 'Upload again',
  'import.commit': 'Import',
  'import.commitBlockedErrors': 'Fix all errors first',
  'import.commitBlockedDecisions': 'Decide on every possible duplicate',
  'import.ready': 'All checks passed; ready to import',
  'import.commitFailed': 'Import not completed; nothing was written',
  'import.done': 'Import finished',
  'import.created': 'Created',
  'import.updated': 'Updated',
  'import.skipped': 'Skipped',
  'import.toList': 'Open enterprises',
  'import.again': 'Import another file',

  'users.title': 'Users',
  'users.create': 'New user',
  'users.username': 'Username',
  'users.displayName': 'Name',
  'users.password': 'Initial password',
  'users.passwordHint': 'At least 8 characters with two of letters, digits and symbols; not containing the username; not a common password',
  'users.role': 'Role',
  'users.region': 'Region in charge',
  'users.org': 'Organisation',
  'users.orgUscc': 'Organisation USCC',
  'users.orgKind': 'Organisation kind',
  'users.orgKindDefault': 'From the enterprise size',
  'users.createdAt': 'Created',
  'users.actions': 'Actions',
  'users.revokeSessions': 'Sign out everywhere',
  'users.revokeConfirm': 'End every session of {name} on all devices? Pages they have open will ask them to sign in again.',
  'users.sessionsRevoked': 'Ended {n} session(s) of {name}',
  'account.title': 'My account',
  'account.sessions': 'Signed-in devices',
  'account.sessionsHint': 'Your live sessions. If you see a device or address you do not recognise, sign out the other devices and change your password.',
  'account.revokeOthers': 'Sign out other devices',
  'account.revokeConfirm': 'End every session except this one? You stay signed in here.',
  'account.revoked': 'Ended {n} session(s) on other devices',
  'account.current': 'This device',
  'account.createdAt': 'Signed in',
  'account.lastSeenAt': 'Last active',
  'account.expiresAt': 'Expires',
  'account.clientIp': 'Address',
  'account.userAgent': 'Browser',
  'header.account': 'My account',

  'orgKind.large_enterprise': 'Large enterprise',
  'orgKind.sme': 'SME',
  'orgKind.research_institute': 'Research institute',
  'orgKind.university': 'University',
  'orgKind.bank': 'Financial institution',
  'orgKind.association': 'Industry association',
  'orgKind.service_provider': 'Service provider',
  'orgKind.government': 'Government',

  'tag.innovative': 'Innovative SME',
  'tag.specialized': 'Specialised SME',
  'tag.little_giant': '“Little giant”',
  'tag.leader': 'Chain leader',
  'tag.high_tech': 'High-tech enterprise',
  'size.large': 'Large',
  'size.medium': 'Medium',
  'size.small': 'Small',
  'size.micro': 'Micro',
};

const en: Record<MessageKey, string> = { ...baseEn, ...chainsEn, ...supplyEn, ...riskEn, ...matchingEn, ...dealsEn, ...fairsEn, ...capitalEn, ...assessmentEn, ...workbenchEn, ...innovationEn, ...servicesEn };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** Builds `prefix.key` entries from a contract label table (keeps the keys typed). */
function prefixed<P extends string, K extends string>(
  prefix: P,
  keys: readonly K[],
  labels: Record<K, string>,
): Record<`${P}.${K}`, string> {
  return Object.fromEntries(keys.map((k) => [`${prefix}.${k}`, labels[k]])) as Record<`${P}.${K}`, string>;
}

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let currentLang: Lang = readStoredLang();
const listeners = new Set<() => void>();

/** Switches the UI language and remembers it in localStorage. */
export function setLang(lang: Lang): void {
  currentLang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

/** The current UI language (re-renders on switch). */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, () => currentLang);
}

/** Interpolation values for `{name}` placeholders. */
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** Translates outside React (e.g. in error fallbacks). */
export function translate(lang: Lang, key: MessageKey, values?: MessageValues): string {
  const template = DICTIONARIES[lang][key] ?? zh[key] ?? key;
  if (!values) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/** The translate function for the current language. */
export function useT(): Translate {
  const lang = useLang();
  return useCallback((key, values) => translate(lang, key, values), [lang]);
}

/** Label helpers for contract enums. */
export const tagKey = (tag: EnterpriseTag): MessageKey => `tag.${tag}`;
export const sizeKey = (size: Size): MessageKey => `size.${size}`;
export const roleKey = (role: Role): MessageKey => `role.${role}`;
export const orgKindKey = (kind: OrgKind): MessageKey => `orgKind.${kind}`;
