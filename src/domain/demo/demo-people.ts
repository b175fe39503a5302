// Synthetic Chinese person names and mobile numbers for demo data.

// Frequent surnames, most common first (order after the 2020 census surname ranking, approximately).
const surnames = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常",
];

// Characters common in given names.
const givenNameCharacters = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞斌宇浩凯俊峰林波海宁欣婷雪琳晨阳鑫帅亮龙健云倩颖佳丹慧梅莉燕春晓东成新德荣思雨博睿嘉子涵轩怡诗琪然",
];

// Mainland mobile network prefixes (China Mobile, Unicom, Telecom).
const mobilePrefixes = [
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "157",
  "158",
  "159",
  "182",
  "187",
  "188",
  "130",
  "131",
  "132",
  "155",
  "156",
  "185",
  "186",
  "133",
  "153",
  "177",
  "180",
  "181",
  "189",
  "199",
];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)];
}

/** A plausible full name: a surname (common ones more often) and a one- or two-character given name. */
export function createPersonName(random: () => number): string {
  // Squaring the draw favours the front of the list, as real surname frequencies do.
  const surname = surnames[Math.floor(random() ** 2 * surnames.length)];
  const first = pick(givenNameCharacters, random);
  return random() < 0.35 ? surname + first : surname + first + pick(givenNameCharacters, random);
}

/** An 11-digit mainland mobile number such as 13812345678. */
export function createMobilePhone(random: () => number): string {
  const subscriber = Math.floor(random() * 1e8);
  return pick(mobilePrefixes, random) + String(subscriber).padStart(8, "0");
}
