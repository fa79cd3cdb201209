/// The word lists the demo company is built from. Internal: only the generator reads them.
enum DemoData {
    struct Rep {
        let login: String
        let displayName: String
        let regions: [String]
    }

    static let reps: [Rep] = [
        Rep(login: "wang.lei", displayName: "王磊", regions: ["华东"]),
        Rep(login: "li.na", displayName: "李娜", regions: ["华东", "华南"]),
        Rep(login: "zhang.wei", displayName: "张伟", regions: ["华北", "东北"]),
        Rep(login: "chen.jing", displayName: "陈静", regions: ["华南"]),
        Rep(login: "liu.yang", displayName: "刘洋", regions: ["西南", "华北"]),
        Rep(login: "zhao.min", displayName: "赵敏", regions: ["海外", "东北"]),
    ]

    static let manager = (login: "sun.hao", displayName: "孙浩")

    static let regions = ["华东", "华北", "华南", "西南", "东北", "海外"]

    /// One customer of the curated demo: name, short name for deal titles, classification, mail domain, currency.
    struct AccountSeed {
        let name: String
        let short: String
        let industry: String
        let region: String
        let nature: String
        let scale: String
        let domain: String
        let currency: String
        let foreign: Bool

        init(_ name: String, _ short: String, _ industry: String, _ region: String, _ nature: String, _ scale: String,
             _ domain: String, _ currency: String = "CNY", foreign: Bool = false) {
            self.name = name
            self.short = short
            self.industry = industry
            self.region = region
            self.nature = nature
            self.scale = scale
            self.domain = domain
            self.currency = currency
            self.foreign = foreign
        }
    }

    // Polyphonic characters on purpose: 长 (cháng/zhǎng), 重 (chóng/zhòng), 行 (háng/xíng), 乐 (lè/yuè).
    static let accounts: [AccountSeed] = [
        AccountSeed("中国石化镇海炼化分公司", "镇海炼化", "石油化工", "华东", "国企", "特大型", "zhlh.sinopec.com"),
        AccountSeed("宝山钢铁股份有限公司", "宝钢股份", "钢铁", "华东", "国企", "特大型", "baosteel.com"),
        AccountSeed("长春化工(江苏)有限公司", "长春化工", "化工", "华东", "外资", "大型", "ccp.com.cn"),
        AccountSeed("重庆钢铁股份有限公司", "重庆钢铁", "钢铁", "西南", "国企", "大型", "cqgt.cn"),
        AccountSeed("华能国际电力股份有限公司", "华能电力", "电力", "华北", "国企", "特大型", "hpi.com.cn"),
        AccountSeed("上海自动化仪表有限公司", "上海仪表", "仪器仪表", "华东", "国企", "中型", "sh-ai.com"),
        AccountSeed("中国银行上海市分行", "中国银行", "金融", "华东", "国企", "特大型", "bankofchina.com"),
        AccountSeed("乐山电力股份有限公司", "乐山电力", "电力", "西南", "国企", "中型", "lsep.com.cn"),
        AccountSeed("万华化学集团股份有限公司", "万华化学", "化工", "华东", "国企", "特大型", "whchem.com"),
        AccountSeed("鞍山钢铁集团有限公司", "鞍钢", "钢铁", "东北", "国企", "特大型", "ansteel.cn"),
        AccountSeed("大唐国际发电股份有限公司", "大唐发电", "电力", "华北", "国企", "特大型", "dtpower.com"),
        AccountSeed("长兴化学工业(珠海)有限公司", "长兴化学", "化工", "华南", "外资", "大型", "eternal-group.com"),
        AccountSeed("重庆川维化工有限公司", "川维化工", "化工", "西南", "国企", "大型", "cwch.sinopec.com"),
        AccountSeed("中国石化广州分公司", "广州石化", "石油化工", "华南", "国企", "大型", "gzsh.sinopec.com"),
        AccountSeed("中国石化茂名分公司", "茂名石化", "石油化工", "华南", "国企", "特大型", "mmsh.sinopec.com"),
        AccountSeed("宝钢湛江钢铁有限公司", "湛江钢铁", "钢铁", "华南", "国企", "大型", "zjsteel.com"),
        AccountSeed("中国石油大连石化分公司", "大连石化", "石油化工", "东北", "国企", "特大型", "dlsh.petrochina.com.cn"),
        AccountSeed("吉林化纤集团有限责任公司", "吉林化纤", "化工", "东北", "国企", "大型", "jlhx.com"),
        AccountSeed("哈尔滨电气集团有限公司", "哈电集团", "电力设备", "东北", "国企", "特大型", "harbin-electric.com"),
        AccountSeed("天津渤海化工集团有限责任公司", "天津渤化", "化工", "华北", "国企", "大型", "bohai-chem.com"),
        AccountSeed("河钢集团唐钢公司", "河钢唐钢", "钢铁", "华北", "国企", "特大型", "hbisco.com"),
        AccountSeed("中国石化北京燕山分公司", "燕山石化", "石油化工", "华北", "国企", "大型", "ysh.sinopec.com"),
        AccountSeed("浙江石油化工有限公司", "浙江石化", "石油化工", "华东", "民企", "特大型", "zpc.com.cn"),
        AccountSeed("恒力石化(大连长兴岛)有限公司", "恒力石化", "石油化工", "东北", "民企", "特大型", "hengli.com"),
        AccountSeed("盛虹炼化(连云港)有限公司", "盛虹炼化", "石油化工", "华东", "民企", "大型", "shenghong.com"),
        AccountSeed("江苏沙钢集团有限公司", "沙钢", "钢铁", "华东", "民企", "特大型", "sha-steel.com"),
        AccountSeed("德龙钢铁有限公司", "德龙钢铁", "钢铁", "华北", "民企", "中型", "delong-steel.com"),
        AccountSeed("浙江新和成股份有限公司", "新和成", "化工", "华东", "民企", "大型", "cnhu.com"),
        AccountSeed("正泰仪器仪表有限公司", "正泰仪表", "仪器仪表", "华东", "民企", "中型", "chint.com"),
        AccountSeed("四川泸天化股份有限公司", "泸天化", "化工", "西南", "国企", "中型", "lutianhua.com.cn"),
        AccountSeed("云南云天化股份有限公司", "云天化", "化工", "西南", "国企", "大型", "yyth.com.cn"),
        AccountSeed("乐凯胶片股份有限公司", "乐凯胶片", "化工", "华北", "国企", "中型", "luckyfilm.com.cn"),
        AccountSeed("宁波银行股份有限公司", "宁波银行", "金融", "华东", "民企", "大型", "nbcb.com.cn"),
        AccountSeed("广东粤电集团有限公司", "粤电集团", "电力", "华南", "国企", "特大型", "gdyd.com"),
        AccountSeed("国家电投上海电力股份有限公司", "上海电力", "电力", "华东", "国企", "大型", "shpower.com"),
        AccountSeed("埃克森美孚(惠州)化工有限公司", "埃克森美孚惠州", "石油化工", "华南", "外资", "特大型", "exxonmobil.com"),
        AccountSeed("林德气体(上海)有限公司", "林德气体", "工业气体", "华东", "外资", "大型", "linde.com"),
        AccountSeed("BASF SE Ludwigshafen", "BASF", "化工", "海外", "外资", "特大型", "basf.com", "EUR", foreign: true),
        AccountSeed("Siemens Energy AG", "Siemens Energy", "电力设备", "海外", "外资", "特大型", "siemens-energy.com", "EUR", foreign: true),
        AccountSeed("Emerson Automation Solutions", "Emerson", "仪器仪表", "海外", "外资", "特大型", "emerson.com", "USD", foreign: true),
        AccountSeed("Dow Chemical Freeport", "Dow", "化工", "海外", "外资", "特大型", "dow.com", "USD", foreign: true),
    ]

    // Scale mode: city + core word + industry suffix gives many distinct, searchable names.
    static let cities: [(name: String, region: String, pinyin: String)] = [
        ("长春", "东北", "cc"), ("长沙", "华南", "cs"), ("重庆", "西南", "cq"), ("乐山", "西南", "ls"),
        ("长治", "华北", "cz"), ("上海", "华东", "sh"), ("南京", "华东", "nj"), ("宁波", "华东", "nb"),
        ("杭州", "华东", "hz"), ("苏州", "华东", "sz"), ("无锡", "华东", "wx"), ("常州", "华东", "cz"),
        ("连云港", "华东", "lyg"), ("淄博", "华北", "zb"), ("天津", "华北", "tj"), ("唐山", "华北", "ts"),
        ("石家庄", "华北", "sjz"), ("太原", "华北", "ty"), ("包头", "华北", "bt"), ("北京", "华北", "bj"),
        ("广州", "华南", "gz"), ("深圳", "华南", "sz"), ("茂名", "华南", "mm"), ("湛江", "华南", "zj"),
        ("惠州", "华南", "hz"), ("珠海", "华南", "zh"), ("成都", "西南", "cd"), ("泸州", "西南", "lz"),
        ("昆明", "西南", "km"), ("贵阳", "西南", "gy"), ("攀枝花", "西南", "pzh"), ("大连", "东北", "dl"),
        ("沈阳", "东北", "sy"), ("鞍山", "东北", "as"), ("吉林", "东北", "jl"), ("哈尔滨", "东北", "heb"),
        ("大庆", "东北", "dq"), ("抚顺", "东北", "fs"), ("乐清", "华东", "lq"), ("长兴", "华东", "cx"),
    ]

    static let cores: [(name: String, pinyin: String)] = [
        ("华信", "huaxin"), ("东方", "dongfang"), ("金泰", "jintai"), ("恒通", "hengtong"), ("中联", "zhonglian"),
        ("宏达", "hongda"), ("永盛", "yongsheng"), ("天成", "tiancheng"), ("鑫源", "xinyuan"), ("博远", "boyuan"),
        ("瑞丰", "ruifeng"), ("长江", "changjiang"), ("重光", "chongguang"), ("乐华", "lehua"), ("银行", "yinhang"),
        ("海川", "haichuan"), ("联合", "lianhe"), ("新天", "xintian"), ("华润", "huarun"), ("国泰", "guotai"),
        ("正大", "zhengda"), ("中盛", "zhongsheng"), ("通达", "tongda"), ("万顺", "wanshun"), ("金山", "jinshan"),
        ("三元", "sanyuan"), ("鸿运", "hongyun"), ("兴业", "xingye"), ("远洋", "yuanyang"), ("泰和", "taihe"),
        ("长城", "changcheng"), ("重型", "zhongxing"), ("乐天", "letian"), ("银河", "yinhe"), ("建业", "jianye"),
        ("恒力", "hengli"), ("盛达", "shengda"), ("荣华", "ronghua"), ("九洲", "jiuzhou"), ("德胜", "desheng"),
        ("北方", "beifang"), ("南方", "nanfang"), ("中环", "zhonghuan"), ("光明", "guangming"), ("利民", "limin"),
        ("同创", "tongchuang"), ("天力", "tianli"), ("广源", "guangyuan"), ("安泰", "antai"), ("大成", "dacheng"),
    ]

    static let suffixes: [(name: String, industry: String, scale: String)] = [
        ("化工有限公司", "化工", "中型"), ("石化有限公司", "石油化工", "大型"), ("钢铁集团有限公司", "钢铁", "大型"),
        ("特钢有限公司", "钢铁", "中型"), ("电力股份有限公司", "电力", "大型"), ("热电有限公司", "电力", "中型"),
        ("发电有限公司", "电力", "大型"), ("仪表厂", "仪器仪表", "小型"), ("自动化仪表有限公司", "仪器仪表", "中型"),
        ("新材料有限公司", "化工", "中型"), ("化纤有限公司", "化工", "中型"), ("精细化工有限公司", "化工", "小型"),
        ("煤化工有限公司", "化工", "大型"), ("农村商业银行", "金融", "中型"), ("冶金有限公司", "钢铁", "中型"),
        ("能源有限公司", "电力", "中型"), ("制药有限公司", "医药化工", "中型"), ("水务集团", "水务", "中型"),
    ]

    static let foreignCores: [(name: String, domain: String, currency: String)] = [
        ("BASF", "basf.com", "EUR"), ("Siemens Energy", "siemens-energy.com", "EUR"), ("Emerson", "emerson.com", "USD"),
        ("Dow", "dow.com", "USD"), ("Shell", "shell.com", "USD"), ("TotalEnergies", "totalenergies.com", "EUR"),
        ("Linde", "linde.com", "EUR"), ("ArcelorMittal", "arcelormittal.com", "EUR"),
    ]

    static let foreignSites = ["Ludwigshafen", "Antwerp", "Houston", "Rotterdam", "Singapore", "Freeport", "Jurong", "Ghent",
                               "Baton Rouge", "Tarragona"]

    // Persons.
    static let surnames: [(name: String, pinyin: String)] = [
        ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
        ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
        ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"),
        ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"),
        ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
        ("潘", "pan"), ("于", "yu"), ("蒋", "jiang"), ("蔡", "cai"), ("杜", "du"), ("叶", "ye"), ("程", "cheng"),
        ("魏", "wei"), ("丁", "ding"), ("沈", "shen"), ("任", "ren"), ("姚", "yao"), ("钟", "zhong"), ("崔", "cui"),
        ("陆", "lu"), ("范", "fan"), ("石", "shi"), ("金", "jin"), ("单", "shan"), ("乐", "yue"), ("解", "xie"),
        ("仇", "qiu"), ("区", "ou"),
    ]

    static let givenNames: [(name: String, pinyin: String)] = [
        ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
        ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"),
        ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
        ("建华", "jianhua"), ("志强", "zhiqiang"), ("海涛", "haitao"), ("晓东", "xiaodong"), ("国庆", "guoqing"),
        ("红梅", "hongmei"), ("文博", "wenbo"), ("长青", "changqing"), ("重阳", "chongyang"), ("乐天", "letian"),
        ("春生", "chunsheng"), ("宏伟", "hongwei"), ("振华", "zhenhua"), ("立新", "lixin"), ("俊杰", "junjie"),
        ("雪梅", "xuemei"), ("建国", "jianguo"), ("玉兰", "yulan"), ("德明", "deming"), ("永红", "yonghong"),
        ("卫东", "weidong"), ("晓燕", "xiaoyan"), ("浩然", "haoran"), ("思远", "siyuan"), ("一鸣", "yiming"),
        ("行健", "xingjian"), ("长海", "changhai"), ("重庆", "chongqing"),
    ]

    static let mobilePrefixes = [135, 136, 137, 138, 139, 150, 151, 158, 186, 188, 133, 189]

    static let westernFirst = ["Thomas", "Anna", "Michael", "Laura", "Stefan", "Julia", "David", "Sarah", "Markus", "Emily"]
    static let westernLast = ["Mueller", "Schmidt", "Weber", "Fischer", "Becker", "Wagner", "Johnson", "Miller", "Brown", "Davis"]

    /// A position in the buying organisation (003: level, function, role), with what it cares about (002).
    struct Position {
        let zh: String
        let en: String
        let level: PersonLevel
        let function: PersonFunction
        let roles: Set<PersonRole>
        let cares: String
    }

    static let decisionPositions: [Position] = [
        Position(zh: "总经理", en: "General Manager", level: .decisionMaker, function: .using,
                 roles: [.decisionMaker, .approver], cares: "投资回报与项目风险"),
        Position(zh: "总工程师", en: "Chief Engineer", level: .decisionMaker, function: .technical,
                 roles: [.decisionMaker, .specifier], cares: "技术先进性与可靠性"),
        Position(zh: "副总经理", en: "Deputy General Manager", level: .decisionMaker, function: .procurement,
                 roles: [.approver], cares: "预算控制与项目进度"),
    ]

    static let managerPositions: [Position] = [
        Position(zh: "采购部经理", en: "Procurement Manager", level: .manager, function: .procurement,
                 roles: [.evaluator, .approver], cares: "价格与付款条件"),
        Position(zh: "设备部部长", en: "Head of Maintenance", level: .manager, function: .using,
                 roles: [.initiator, .user], cares: "运行稳定、备件供应"),
        Position(zh: "技术部主任", en: "Technical Director", level: .manager, function: .technical,
                 roles: [.specifier, .evaluator], cares: "技术指标与标准符合性"),
        Position(zh: "生产部经理", en: "Production Manager", level: .manager, function: .using,
                 roles: [.user, .initiator], cares: "不停产改造、运行稳定"),
        Position(zh: "财务部经理", en: "Finance Manager", level: .manager, function: .procurement,
                 roles: [.approver], cares: "预算与付款节奏"),
    ]

    static let operatorPositions: [Position] = [
        Position(zh: "仪表工程师", en: "Instrument Engineer", level: .operator_, function: .technical,
                 roles: [.user, .specifier], cares: "易用性与维护方便"),
        Position(zh: "设备工程师", en: "Equipment Engineer", level: .operator_, function: .using,
                 roles: [.user], cares: "操作简便"),
        Position(zh: "采购专员", en: "Buyer", level: .operator_, function: .procurement,
                 roles: [.evaluator], cares: "交期与价格"),
        Position(zh: "工艺工程师", en: "Process Engineer", level: .operator_, function: .technical,
                 roles: [.specifier], cares: "工艺适配"),
        Position(zh: "操作班长", en: "Shift Supervisor", level: .operator_, function: .using,
                 roles: [.user, .initiator], cares: "操作简便、运行稳定"),
        Position(zh: "电气工程师", en: "Electrical Engineer", level: .operator_, function: .technical,
                 roles: [.user], cares: "兼容现有系统"),
    ]

    static let personalNotes = [
        "喜欢打羽毛球，周三下午一般不在办公室", "与总经理是大学同学，说话有分量", "刚从设备部调任，对我方产品还不熟悉",
        "孩子今年高考，六月少安排拜访", "对进口品牌有偏好，需要用案例说服", "每周一上午开生产例会，别在那时打电话",
        "老家四川，爱吃辣", "曾在竞争对手用户单位工作，熟悉对方产品", "下半年可能退休，注意接班人",
    ]

    static let accountNotes = [
        "年度框架协议客户，每年三月招标", "新任总经理上任，需要重建高层关系", "正在推进国产化替代", "付款周期长，注意回款",
        "集团统一采购，分公司只有建议权", "",
    ]

    // Deals.
    static let products: [[String]] = [
        ["DCS控制系统改造项目", "安全仪表系统(SIS)项目", "智能工厂一期项目", "在线分析小屋项目", "全厂仪表更新项目",
         "能源管理系统项目", "APC先进控制项目", "罐区自动化项目"],
        ["设备预测性维护平台", "在线色谱分析仪选型", "无线振动监测方案", "腐蚀监测系统", "电能质量治理方案", "泄漏检测方案"],
        ["压力变送器年度采购", "调节阀备件", "流量计补充采购", "温度变送器批量采购", "阀门定位器更换", "仪表电缆及附件"],
    ]

    static let competitors = ["横河电机", "霍尼韦尔", "ABB", "浙江中控", "和利时", "施耐德电气", "川仪股份", "E+H"]

    static let lostReasons = ["价格太高", "竞争对手关系更好", "项目取消", "技术方案未通过评审", "预算被削减", "交期无法满足"]
    static let withdrawnReasons = ["招标条件对我方不利", "技术指标明显指向竞争对手", "付款条件无法接受"]
    static let wonReasons = ["技术方案领先", "客户高层支持", "价格有竞争力", "服务响应快"]
    static let forceReasons = ["客户催促报价，先推进", "招标时间提前，来不及走完流程", "老板要求本季度签约", "竞争对手已进场，必须抢时间"]
    /// For the "inside coach and key persons" gate.
    static let coachForceReasons = ["内线尚未确定，但项目时间紧", "决策层尚未接触，先提交方案", "总经理出差，先与技术部推进"]

    /// Next steps per process and stage.
    static let nextSteps: [[[String]]] = [
        [["安排首次拜访设备部", "收集项目立项信息"], ["约见总工程师，了解项目组织", "通过内线了解决策流程"],
         ["组织技术交流会", "邀请客户参观样板工程"], ["准备投标文件，确认报价", "澄清招标技术条款"],
         ["安排高层拜访，推动合同审批", "确认付款条件"], ["确认到货验收计划", "组织调试与培训"]],
        [["确认需求清单", "约技术部交流"], ["提交技术评估资料", "提供经济性分析"], ["答复客户疑虑", "安排用户回访"],
         ["现场实施与验证", "确认实施计划"], ["回访使用效果", "挖掘新需求"]],
        [["电话确认需求", "发送产品资料"], ["约定拜访时间", "寄送样品"], ["拜访并确认需求纪要", "现场测量"],
         ["处理价格异议", "提供替代方案"], ["确认订单条款", "催签订单"], ["售后回访", "请求转介绍"]],
    ]

    /// Activity kinds used in each stage of each process.
    static let stageKinds: [[[ActivityKind]]] = [
        [[.visit, .call, .visit, .email], [.visit, .call, .meeting], [.demo, .siteVisit, .meeting, .visit],
         [.bid, .call, .meeting], [.meeting, .visit, .call], [.visit, .meeting, .siteVisit]],
        [[.visit, .call], [.demo, .meeting, .email], [.meeting, .visit, .call], [.siteVisit, .visit], [.visit, .call]],
        [[.call, .email], [.call, .visit], [.visit, .demo], [.call, .visit, .email], [.visit, .meeting], [.call, .visit]],
    ]

    static func activityNotes(_ kind: ActivityKind) -> [String] {
        switch kind {
        case .visit: ["拜访设备部，了解现有装置运行情况", "与采购部沟通供应商准入流程", "拜访技术部，介绍我方技术路线", "例行拜访，了解项目立项进展"]
        case .call: ["电话确认下周拜访时间", "电话跟进报价反馈", "电话了解招标时间表"]
        case .email: ["发送技术方案初稿", "发送报价单及付款条件"]
        case .demo: ["现场演示在线分析系统", "演示预测性维护平台，客户反馈积极"]
        case .siteVisit: ["邀请客户参观样板工程", "陪同客户考察我方工厂"]
        case .bid: ["提交技术标与商务标", "参加开标，报价排名第二"]
        case .meeting: ["与客户高层会谈，确认合作意向", "技术交流会，讨论采购指标", "商务谈判，讨论付款条件"]
        case .discovery: ["需求调研：与使用部门逐项梳理现有问题", "访谈技术部，连问五个为什么找到真实需求"]
        case .quote: ["提交正式报价单", "电话沟通报价，客户询问折扣"]
        case .other: ["参加行业展会，客户到展台交流"]
        }
    }

    static let outcomes = ["客户同意下一步技术交流", "需补充资料", "客户暂无明确意向", "获得采购指标草稿", "约定下次拜访时间",
                           "客户对价格有异议", "关系推进顺利"]
}
