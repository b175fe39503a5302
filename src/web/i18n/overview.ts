// Texts of the home page (overview figures), both languages.
export const overviewZh = {
  "overview.welcome": "您好，{name}",
  "overview.scopeLine": "{role} · 管辖范围：{scope}",
  "overview.scopeEnterprises": "所关联的企业",
  "overview.enterprises": "企业总数",
  "overview.territories": "行政区划节点",
  "overview.users": "用户数",
  "overview.usersHint": "本辖区内的账号",
  "overview.viewList": "查看企业列表",
  "overview.viewTree": "查看区划树",
  "overview.byIndustry": "各行业门类企业数（GB/T 4754-2017）",
  "overview.noEnterprises": "暂无企业",
  "overview.myEnterprises": "我的企业",
};

export const overviewEn: Record<keyof typeof overviewZh, string> = {
  "overview.welcome": "Welcome, {name}",
  "overview.scopeLine": "{role} · scope: {scope}",
  "overview.scopeEnterprises": "your enterprises",
  "overview.enterprises": "Enterprises",
  "overview.territories": "Territory nodes",
  "overview.users": "Users",
  "overview.usersHint": "accounts in your territory",
  "overview.viewList": "Open the enterprise list",
  "overview.viewTree": "Open the territory tree",
  "overview.byIndustry": "Enterprises by industry section (GB/T 4754-2017)",
  "overview.noEnterprises": "No enterprises yet",
  "overview.myEnterprises": "My enterprises",
};
