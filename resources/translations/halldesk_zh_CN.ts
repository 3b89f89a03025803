<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ClockView</name>
    <message>
        <location filename="../../desktop/screens/detail.py" line="52"/>
        <source>Done on time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="54"/>
        <source>Done late</source>
        <translation>已完成（超时）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="56"/>
        <source>Overdue %1</source>
        <translation>已逾期 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="59"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="63"/>
        <source>(provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="64"/>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="67"/>
        <source>Why this date:</source>
        <translation>为什么是这个日期：</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../desktop/widgets/countdown.py" line="34"/>
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/countdown.py" line="43"/>
        <source>feedback overdue %1</source>
        <translation>反馈逾期 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/countdown.py" line="44"/>
        <source>overdue %1</source>
        <translation>逾期 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/countdown.py" line="46"/>
        <source>feedback %1</source>
        <translation>反馈 %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="21"/>
        <source>Something went wrong; nothing was saved.</source>
        <translation>出现错误，未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="26"/>
        <source>Cannot do that</source>
        <translation>无法完成操作</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../desktop/screens/intake.py" line="229"/>
        <source>New request</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="232"/>
        <source>Record</source>
        <translation>受理</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../desktop/screens/intake.py" line="49"/>
        <source>18 characters, e.g. 91442000…</source>
        <translation>18位，如 91442000…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="55"/>
        <source>Why keep a code that fails its check (e.g. as printed on the licence)</source>
        <translation>保留未通过校验的代码的原因（如：与营业执照原件一致）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="63"/>
        <source>mobile, or landline such as 0760-88886666</source>
        <translation>手机，或座机如 0760-88886666</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="66"/>
        <source>official who visited, e.g. name and post</source>
        <translation>走访人员，如姓名及职务</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="75"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="76"/>
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="77"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="78"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="80"/>
        <source>Exception note</source>
        <translation>例外说明</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="82"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="83"/>
        <source>Town</source>
        <translation>所属镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="84"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="85"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="87"/>
        <source>Filed on behalf by</source>
        <translation>走访代提人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="89"/>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="132"/>
        <source>Optional; checked as you type</source>
        <translation>选填；输入时即时校验</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="141"/>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1/18 位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="148"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="155"/>
        <source>(keep it only with an exception note)</source>
        <translation>（如确认无误，须填写例外说明）</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/labels.py" line="17"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="18"/>
        <source>Answered at once</source>
        <translation>即时办结</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="19"/>
        <location filename="../../desktop/labels.py" line="46"/>
        <source>Dispatched</source>
        <translation>已转办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="20"/>
        <source>Follow to the end</source>
        <translation>一跟到底</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="21"/>
        <location filename="../../desktop/labels.py" line="50"/>
        <source>Resolved</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="22"/>
        <source>Closed</source>
        <translation>已回访结案</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="23"/>
        <location filename="../../desktop/labels.py" line="52"/>
        <source>Reopened</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="26"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="27"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="28"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="29"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="30"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="31"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="34"/>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="35"/>
        <source>12345 enterprise line</source>
        <translation>12345热线企业专席</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="36"/>
        <source>Yueshengshi</source>
        <translation>粤省事</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="37"/>
        <source>Yueshangtong / Zhongyiban</source>
        <translation>粤商通/中易办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="38"/>
        <source>12345 WeChat</source>
        <translation>12345微信</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="39"/>
        <source>Leaders&apos; direct line</source>
        <translation>书记市长直通车</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="40"/>
        <source>Filed on behalf after a visit</source>
        <translation>走访代提</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="43"/>
        <source>Request taken</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="44"/>
        <source>Answered</source>
        <translation>即时答复</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="45"/>
        <source>Three-way call</source>
        <translation>三方通话</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="47"/>
        <source>Enterprise contacted</source>
        <translation>已联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="48"/>
        <location filename="../../desktop/labels.py" line="59"/>
        <source>Interim reply</source>
        <translation>阶段答复</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="49"/>
        <source>Next feedback date set</source>
        <translation>设定下次反馈日期</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="51"/>
        <source>Return visit</source>
        <translation>回访评价</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="53"/>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="54"/>
        <source>Transferred</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="55"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="58"/>
        <source>Contact</source>
        <translation>联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="60"/>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="61"/>
        <source>Next feedback</source>
        <translation>下次反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="62"/>
        <source>Supervision reply</source>
        <translation>督办回复</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="65"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="66"/>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="67"/>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="68"/>
        <source>Not evaluated</source>
        <translation>未评价</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="71"/>
        <source>Solved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="72"/>
        <source>Partly solved</source>
        <translation>部分解决</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="73"/>
        <source>Unsolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="76"/>
        <source>Counter clerk</source>
        <translation>受理员</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="77"/>
        <source>Policy navigator</source>
        <translation>政策导办员</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="78"/>
        <source>Supervisor</source>
        <translation>督办员</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="79"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="82"/>
        <source>Answered during the call</source>
        <translation>通话中已答复</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="83"/>
        <source>Needs dispatch</source>
        <translation>需转办</translation>
    </message>
    <message>
        <location filename="../../desktop/labels.py" line="84"/>
        <source>Call back later</source>
        <translation>约定回拨</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="104"/>
        <source>Hall Desk — enterprise service window</source>
        <translation>企业服务专窗工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="106"/>
        <source>DEMO (sample data)</source>
        <translation>演示（示例数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="110"/>
        <source>All requests</source>
        <translation>全部诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="110"/>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="111"/>
        <source>Taken by me</source>
        <translation>我受理的</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="111"/>
        <source>Due within 24 h</source>
        <translation>24小时内到期</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="112"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="112"/>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="113"/>
        <source>Follow to the end</source>
        <translation>一跟到底</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="113"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="116"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="118"/>
        <source>New request</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="122"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="124"/>
        <source>Counter receipt of the selected request (Ctrl+P)</source>
        <translation>打印所选诉求的受理回执（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="130"/>
        <source>Search: enterprise, number, credit code, phone, pinyin initials</source>
        <translation>搜索：企业名称、编号、信用代码、电话、拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="156"/>
        <source>%1 requests</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="194"/>
        <source>Overdue: %1</source>
        <translation>逾期：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="197"/>
        <source>Not yet synced: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="200"/>
        <source>Clocks: %1 due soon, %2 overdue</source>
        <translation>时限：即将到期 %1 · 逾期 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210"/>
        <source>%1 clocks changed colour, e.g. %2 %3</source>
        <translation>%1 个时限状态变化，如 %2 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="221"/>
        <source>Select a request first.</source>
        <translation>请先选择一件诉求。</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../desktop/menus.py" line="23"/>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="27"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="31"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="32"/>
        <location filename="../../desktop/menus.py" line="55"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="41"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="42"/>
        <location filename="../../desktop/menus.py" line="84"/>
        <source>About Hall Desk</source>
        <translation>关于工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="56"/>
        <source>The new language applies when Hall Desk restarts. Restart now? Nothing typed so far is lost.</source>
        <translation>新的界面语言将在工作台重新启动后生效。现在重新启动吗？已录入的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="79"/>
        <source>Hall Desk %1 — the desk of the enterprise service windows.</source>
        <translation>企业服务专窗工作台 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="82"/>
        <source>Demo mode: every request, enterprise and phone number here is invented sample data.</source>
        <translation>演示模式：此处的诉求、企业与电话号码均为虚构的示例数据。</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <location filename="../../desktop/receipt.py" line="51"/>
        <source>Answered at the counter</source>
        <translation>已在窗口即时答复</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="55"/>
        <source>Handled by</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="56"/>
        <source>The unit contacts you within 1 business hour</source>
        <translation>1个工作小时内与您联系</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="58"/>
        <source>Interim reply within 3 working days</source>
        <translation>3个工作日内阶段性答复</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="60"/>
        <source>Closed within 5 working days</source>
        <translation>5个工作日内办结</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="62"/>
        <source>Next feedback by</source>
        <translation>下次反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="66"/>
        <source>by %1</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="73"/>
        <source>If your request is dispatched</source>
        <translation>如需转办</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="73"/>
        <source>the handling unit contacts you within 1 business hour, replies within 3 working days and closes it within 5 working days</source>
        <translation>承办单位将在转办后1个工作小时内与您联系，3个工作日内阶段性答复，5个工作日内办结</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="117"/>
        <location filename="../../desktop/receipt.py" line="186"/>
        <source>Enterprise request receipt</source>
        <translation>企业诉求受理回执</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="136"/>
        <source>Request No.</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="137"/>
        <source>Taken at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="138"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="139"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="140"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="141"/>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="148"/>
        <source>Provisional number from this counter: the official number is assigned when the desk syncs; either one finds this request.</source>
        <translation>本号为窗口临时编号：工作台联网同步后将生成正式编号，两个编号均可查询本诉求。</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="159"/>
        <source>Our commitments</source>
        <translation>服务承诺</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="166"/>
        <source>* Provisional: depends on next year&apos;s holiday calendar, not yet published; we keep to the published one.</source>
        <translation>* 暂定：该日期取决于尚未发布的次年节假日安排，以正式发布为准。</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="171"/>
        <source>Questions or supervision: 12345 · Clerk: %1 · Printed %2</source>
        <translation>咨询、监督电话：12345 · 受理人：%1 · 打印时间 %2</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="34"/>
        <source>Counter receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="37"/>
        <source>Preparing the receipt…</source>
        <translation>正在生成回执…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="43"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="46"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="95"/>
        <source>Save receipt as PDF</source>
        <translation>保存回执为 PDF</translation>
    </message>
</context>
<context>
    <name>ReminderWatcher</name>
    <message>
        <location filename="../../desktop/reminders.py" line="77"/>
        <source>Hall Desk</source>
        <translation>企业服务专窗工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/reminders.py" line="120"/>
        <source>Clocks to watch</source>
        <translation>时限提醒</translation>
    </message>
    <message>
        <location filename="../../desktop/reminders.py" line="121"/>
        <source>%1 overdue, %2 due soon</source>
        <translation>%1 件已逾期，%2 件即将到期</translation>
    </message>
    <message>
        <location filename="../../desktop/reminders.py" line="126"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../desktop/reminders.py" line="126"/>
        <source>Due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <location filename="../../desktop/reminders.py" line="132"/>
        <source>and %1 more</source>
        <translation>另有 %1 件</translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <location filename="../../desktop/screens/detail.py" line="95"/>
        <source>Select a request to see its clocks and timeline.</source>
        <translation>选择一件诉求，查看办理时限与处理过程。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="100"/>
        <source>Timeline</source>
        <translation>处理过程</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="141"/>
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="142"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="143"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="144"/>
        <source>Town</source>
        <translation>所属镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="145"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="146"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="147"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="150"/>
        <source>Filed on behalf by</source>
        <translation>走访代提人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="155"/>
        <source>Supervised: reply due by %1</source>
        <translation>督办件：须于 %1 前回复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="183"/>
        <source>(not yet synced)</source>
        <translation>（尚未同步）</translation>
    </message>
</context>
<context>
    <name>RequestTableModel</name>
    <message>
        <location filename="../../desktop/models/requests.py" line="166"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="166"/>
        <source>Taken</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="167"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="167"/>
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="168"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="168"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="169"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="169"/>
        <source>Contact</source>
        <translation>联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="170"/>
        <source>Interim reply</source>
        <translation>阶段答复</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="170"/>
        <source>Close</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="242"/>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests.py" line="244"/>
        <source>provisional: next year&apos;s calendar is not published</source>
        <translation>暂定：次年节假日安排尚未发布</translation>
    </message>
</context>
</TS>
