<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../desktop/screens/actions.py" line="123"/>
        <source>Record it (%1)</source>
        <translation>记录（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="127"/>
        <source>Close without recording (Esc)</source>
        <translation>不记录，关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="140"/>
        <source>Enter: next field · Ctrl+Enter: record · Esc: cancel</source>
        <translation>回车：下一项 · Ctrl+回车：记录 · Esc：取消</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="156"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="254"/>
        <source>Type the date, or open the calendar with Alt+Down</source>
        <translation>直接输入日期，或按 Alt+↓ 打开日历</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="396"/>
        <source>Handling unit: %1</source>
        <translation>承办单位：%1</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="28"/>
        <source>Answer at once</source>
        <translation>即时答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="31"/>
        <source>Answer and close</source>
        <translation>答复并办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="37"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="38"/>
        <source>My own answer, with its basis</source>
        <translation>自行答复（注明依据）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="47"/>
        <source>Source</source>
        <translation>答复来源</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="53"/>
        <source>Search the knowledge base (年报, 融资, pinyin …)</source>
        <translation>搜索知识库（如：年报、融资、拼音首字母）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="60"/>
        <source>Article</source>
        <translation>知识库条目</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="62"/>
        <source>e.g. the policy document and clause</source>
        <translation>如：政策文件名称及条款</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="63"/>
        <source>Basis</source>
        <translation>答复依据</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="64"/>
        <source>The answer as given to the enterprise</source>
        <translation>答复企业的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="66"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_answer.py" line="67"/>
        <source>Recording the answer closes the request as answered at once.</source>
        <translation>记录答复后，该诉求按“即时答复”办结。</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../../desktop/screens/call.py" line="137"/>
        <source>Three-way call</source>
        <translation>三方通话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="140"/>
        <source>Save call</source>
        <translation>保存通话记录</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="147"/>
        <source>Unit on the line</source>
        <translation>通话单位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="151"/>
        <source>Call time</source>
        <translation>通话计时</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="159"/>
        <source>%1 (enterprise)</source>
        <translation>%1（企业）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="164"/>
        <source>%1 (counter)</source>
        <translation>%1（窗口）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="165"/>
        <source>anyone else on the line (optional)</source>
        <translation>其他参与人（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="170"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="171"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="172"/>
        <source>Counter</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="173"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="176"/>
        <source>Participants</source>
        <translation>参与人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="180"/>
        <source>What was asked and what the unit said</source>
        <translation>企业询问的内容及单位的答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="182"/>
        <source>Call notes</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="185"/>
        <source>Outcome</source>
        <translation>通话结果</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="189"/>
        <source>This request can no longer be answered at once: it is already dispatched or closed.</source>
        <translation>该诉求已转办或已办结，不能再即时答复。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="194"/>
        <source>The answer as given during the call; it closes the request</source>
        <translation>通话中答复企业的内容；记录后诉求即时办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="196"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="201"/>
        <source>Call back at</source>
        <translation>回拨时间</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="202"/>
        <source>Must lie ahead</source>
        <translation>须晚于当前时间</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="236"/>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2 %3）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="248"/>
        <source>Save call and close as answered</source>
        <translation>保存通话并即时办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="250"/>
        <source>Save call, then dispatch</source>
        <translation>保存通话，再转办</translation>
    </message>
</context>
<context>
    <name>CallTimer</name>
    <message>
        <location filename="../../desktop/screens/call.py" line="65"/>
        <source>Start the timer when the line is up; stop it when the call ends (%1)</source>
        <translation>接通时开始计时，挂断时停止（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="114"/>
        <source>Stop</source>
        <translation>停止计时</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="115"/>
        <source>Start</source>
        <translation>开始计时</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="116"/>
        <source>Resume</source>
        <translation>继续计时</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="119"/>
        <source>started %1</source>
        <translation>%1 开始</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/call.py" line="121"/>
        <source>not started</source>
        <translation>未开始计时</translation>
    </message>
</context>
<context>
    <name>CaseDetailPane</name>
    <message>
        <location filename="../../desktop/cases/detail.py" line="82"/>
        <source>Materials</source>
        <translation>材料清单</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="98"/>
        <source>Timeline</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="108"/>
        <source>Select a case to see its materials and timeline.</source>
        <translation>选择一个帮办案件，查看材料清单和办理记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="131"/>
        <source>Start preparing</source>
        <translation>开始准备材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="132"/>
        <source>The enterprise decided to apply</source>
        <translation>企业决定申报</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="133"/>
        <source>Submitted</source>
        <translation>已申报</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="133"/>
        <source>The application was handed in</source>
        <translation>申报材料已提交</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="134"/>
        <source>Under review</source>
        <translation>进入审核</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="135"/>
        <source>The department has started its review</source>
        <translation>受理部门开始审核</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="136"/>
        <source>Supplement requested</source>
        <translation>要求补正</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="137"/>
        <source>The department asks for materials again</source>
        <translation>部门要求补正材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="138"/>
        <source>Redeemed</source>
        <translation>已兑现</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="138"/>
        <source>The money arrived: day and amount</source>
        <translation>资金已到账：登记日期和金额</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="139"/>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="139"/>
        <source>Not approved, with the reason</source>
        <translation>审核未通过，须填写原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="140"/>
        <source>Withdraw</source>
        <translation>撤回申报</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="140"/>
        <source>The enterprise withdraws, with a reason</source>
        <translation>企业撤回，须填写原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="142"/>
        <source>Reopen</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="142"/>
        <source>Take the case up again, with a reason</source>
        <translation>重新办理本案件，须填写原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="143"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="143"/>
        <source>Add a note to the timeline</source>
        <translation>在办理记录中添加备注</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="144"/>
        <source>Mark received…</source>
        <translation>登记收件…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="145"/>
        <source>A material handed in (Enter on its line)</source>
        <translation>登记企业提交的材料（在材料行按回车）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="146"/>
        <source>Take back…</source>
        <translation>撤下材料…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="147"/>
        <source>A material that no longer counts</source>
        <translation>材料作废或退回，不再计入</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="194"/>
        <source>Window %1 to %2</source>
        <translation>申报时间 %1 至 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="200"/>
        <source>Deadline %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="204"/>
        <source>Receiving: %1</source>
        <translation>受理部门：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="209"/>
        <source>Submitted %1</source>
        <translation>%1 已申报</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="211"/>
        <source>Redeemed %1</source>
        <translation>%1 已兑现</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="216"/>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="220"/>
        <source>%1 of %2 materials not in hand</source>
        <translation>%2 项材料中 %1 项未收齐</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/detail.py" line="224"/>
        <source>not yet synced</source>
        <translation>尚未同步</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <location filename="../../desktop/cases/common.py" line="88"/>
        <source>closed</source>
        <translation>已截止</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/common.py" line="90"/>
        <source>closes today</source>
        <translation>今天截止</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/common.py" line="91"/>
        <source>%1 days left</source>
        <translation>还剩 %1 天</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/common.py" line="106"/>
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../desktop/cases/model.py" line="126"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="126"/>
        <source>Item</source>
        <translation>兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="127"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="127"/>
        <source>Deadline</source>
        <translation>申报截止</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="128"/>
        <source>Batch</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="128"/>
        <source>Last activity</source>
        <translation>最近办理</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/model.py" line="190"/>
        <source>Not yet synced</source>
        <translation>尚未同步</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <location filename="../../desktop/cases/timeline.py" line="30"/>
        <source>%1, received %2</source>
        <translation>%1，%2 收件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/timeline.py" line="36"/>
        <location filename="../../desktop/cases/timeline.py" line="48"/>
        <source>on %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/timeline.py" line="38"/>
        <source>no. %1</source>
        <translation>受理编号 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/timeline.py" line="42"/>
        <source>Missing materials: %1</source>
        <translation>缺件说明：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/timeline.py" line="74"/>
        <source>(not yet synced)</source>
        <translation>（尚未同步）</translation>
    </message>
</context>
<context>
    <name>CasesWorkspace</name>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="54"/>
        <source>New case…</source>
        <translation>新建帮办…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="57"/>
        <source>Record consultation…</source>
        <translation>登记咨询…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="65"/>
        <source>Cases</source>
        <translation>帮办案件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="67"/>
        <source>Outreach list</source>
        <translation>主动服务清单</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="69"/>
        <source>Consultations</source>
        <translation>咨询与评价</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="104"/>
        <source>Open cases</source>
        <translation>办理中的案件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="105"/>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="110"/>
        <source>All items</source>
        <translation>全部兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="113"/>
        <source>Enterprise: credit code, name or pinyin initials (%1)</source>
        <translation>企业：统一社会信用代码、名称或拼音首字母（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="183"/>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="252"/>
        <source>Case opened: %1 (queued for sync)</source>
        <translation>已建立帮办：%1（待同步）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/workspace.py" line="276"/>
        <source>Consultation recorded: %1 (queued for sync)</source>
        <translation>已登记咨询：%1（待同步）</translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="112"/>
        <source>Search policies: 融资, 专利, 人才, a full title, or pinyin initials (gxjs)</source>
        <translation>搜索政策：融资、专利、人才，完整标题，或拼音首字母（gxjs）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="122"/>
        <source>All issuing units</source>
        <translation>全部发文单位</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="123"/>
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="124"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="125"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="125"/>
        <source>In force</source>
        <translation>有效政策</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="126"/>
        <source>Open for applications now</source>
        <translation>正在申报</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="127"/>
        <source>Closing within 14 days</source>
        <translation>14 天内截止</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="142"/>
        <source>&amp;Issuer</source>
        <translation>发文单位(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="142"/>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="143"/>
        <source>Ta&amp;g</source>
        <translation>标签(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="143"/>
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="185"/>
        <source>Qualification: %1</source>
        <translation>资质：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="188"/>
        <source>Scale: %1</source>
        <translation>规模：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="191"/>
        <source>Town: %1</source>
        <translation>镇街：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="242"/>
        <source>%1 items</source>
        <translation>共 %1 项</translation>
    </message>
</context>
<context>
    <name>ChecklistTable</name>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="29"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="29"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="30"/>
        <source>Received</source>
        <translation>收件日期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="30"/>
        <source>Expires</source>
        <translation>失效日期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="31"/>
        <source>Remark</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="53"/>
        <source>no expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="71"/>
        <source>expired: ask for a fresh copy</source>
        <translation>已过期：请企业重新提供</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="76"/>
        <source>expires in %1 days</source>
        <translation>%1 天后过期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="80"/>
        <source>received for another case: %1</source>
        <translation>已在其他案件收取：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/checklist.py" line="83"/>
        <source>asked for again</source>
        <translation>部门要求补正</translation>
    </message>
</context>
<context>
    <name>ClockView</name>
    <message>
        <location filename="../../desktop/screens/detail.py" line="65"/>
        <source>Became follow to the end</source>
        <translation>转入一跟到底</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="66"/>
        <source>Replaced by a newer date</source>
        <translation>已被新期限取代</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="67"/>
        <source>Ended by the transfer</source>
        <translation>因改派结束</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="68"/>
        <source>Ended with the request</source>
        <translation>随诉求结束</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="75"/>
        <source>Done on time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="77"/>
        <source>Done late</source>
        <translation>已完成（超时）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="79"/>
        <source>Overdue %1</source>
        <translation>已逾期 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="81"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="101"/>
        <source>Why this date?</source>
        <translation>为什么是这个日期？</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="121"/>
        <source>(provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="122"/>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="125"/>
        <source>Why this date:</source>
        <translation>为什么是这个日期：</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="126"/>
        <source>The full explanation: days skipped, adjusted working days, provisional dates (%1)</source>
        <translation>查看完整说明：跳过的休息日、调休上班日、暂定日期（%1）</translation>
    </message>
</context>
<context>
    <name>Consultation</name>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="32"/>
        <source>not rated</source>
        <translation>未评价</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="33"/>
        <source>very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="34"/>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="35"/>
        <source>basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="36"/>
        <source>dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="37"/>
        <source>very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
</context>
<context>
    <name>ConsultationDialog</name>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="46"/>
        <source>The enterprise&apos;s question, the answer given, and how it rated the answer.</source>
        <translation>企业的咨询问题、窗口的答复，以及企业对答复的评价。</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="53"/>
        <source>Consultation and evaluation</source>
        <translation>政策咨询与评价</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="57"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="59"/>
        <source>Item (optional)</source>
        <translation>兑现事项（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="60"/>
        <source>What the enterprise asked</source>
        <translation>企业咨询的问题</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="62"/>
        <source>Question</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="63"/>
        <source>The answer given</source>
        <translation>给出的答复</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="64"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="65"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="67"/>
        <source>The enterprise&apos;s comment</source>
        <translation>企业的评价意见</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="69"/>
        <source>Comment</source>
        <translation>评价意见</translation>
    </message>
</context>
<context>
    <name>ConsultationsView</name>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="111"/>
        <source>Record consultation…</source>
        <translation>登记咨询…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="115"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="118"/>
        <source>Pick an enterprise to see its consultations.</source>
        <translation>选择企业后显示其咨询与评价记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="121"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="121"/>
        <source>Item</source>
        <translation>兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="121"/>
        <source>Question</source>
        <translation>咨询内容</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="122"/>
        <source>Answer</source>
        <translation>答复内容</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="122"/>
        <source>Rating</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="122"/>
        <source>Comment</source>
        <translation>评价意见</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/consultation.py" line="156"/>
        <source>(general)</source>
        <translation>（综合咨询）</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../desktop/screens/actions.py" line="499"/>
        <source>Enterprise contacted</source>
        <translation>联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="502"/>
        <source>Handling office</source>
        <translation>承办科室</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="503"/>
        <source>e.g. Registration section</source>
        <translation>如：登记注册科</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="504"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="505"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="506"/>
        <source>how the enterprise reaches them</source>
        <translation>企业联系承办人的电话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="507"/>
        <source>What the enterprise was told</source>
        <translation>告知企业的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="509"/>
        <source>Note</source>
        <translation>备注</translation>
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
    <name>DayHint</name>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="36"/>
        <source>Pick a day after today.</source>
        <translation>请选择今天以后的日期。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="43"/>
        <source>Working day %1 from today; due by the end of business hours that day</source>
        <translation>自今日起第 %1 个工作日，当日下班前为限</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="51"/>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="52"/>
        <source>A day off (%1): the enterprise may not be reachable</source>
        <translation>所选日期为休息日（%1），企业可能无法联系</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="56"/>
        <source>provisional: that year&apos;s holidays are not published yet</source>
        <translation>暂定：该年度节假日安排尚未发布</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="79"/>
        <location filename="../../desktop/screens/dispatch.py" line="82"/>
        <source>Dispatch</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="85"/>
        <source>Dispatch note</source>
        <translation>转办说明</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="88"/>
        <source>What the unit should know (optional)</source>
        <translation>需要承办单位了解的情况（选填）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="111"/>
        <source>Dispatching now starts the clocks: %1</source>
        <translation>现在转办，开始计时：%1</translation>
    </message>
</context>
<context>
    <name>EnterpriseField</name>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="35"/>
        <source>Credit code, name or pinyin initials</source>
        <translation>统一社会信用代码、企业名称或拼音首字母</translation>
    </message>
</context>
<context>
    <name>EnterpriseResultsModel</name>
    <message>
        <location filename="../../desktop/widgets/enterprise_picker.py" line="76"/>
        <source>%1 open</source>
        <translation>%1 件未办结</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/enterprise_picker.py" line="81"/>
        <source>last %1</source>
        <translation>最近 %1</translation>
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
    <name>ExplanationDialog</name>
    <message>
        <location filename="../../desktop/screens/detail.py" line="138"/>
        <source>Why these dates · %1</source>
        <translation>办理时限说明 · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="153"/>
        <source>Started %1</source>
        <translation>%1 起算</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="154"/>
        <source>Due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="159"/>
        <source>Provisional: recomputed once the calendar is published</source>
        <translation>暂定：节假日安排发布后自动重算</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="164"/>
        <source>No clock runs on this request.</source>
        <translation>该诉求没有计时中的时限。</translation>
    </message>
</context>
<context>
    <name>FieldDialog</name>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="48"/>
        <source>Profile: %1</source>
        <translation>企业画像：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="57"/>
        <source> (fiscal year)</source>
        <translation> 年度</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="58"/>
        <source>Figure for</source>
        <translation>数据所属年度</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="64"/>
        <source>Seen on</source>
        <translation>核实日期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="66"/>
        <source>Optional, e.g. 含劳务派遣8人</source>
        <translation>选填，如：含劳务派遣8人</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="67"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="71"/>
        <source>Now: %1 (%2)</source>
        <translation>当前：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="75"/>
        <source>Not given yet.</source>
        <translation>尚未填写。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="84"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="87"/>
        <source>Clear this field</source>
        <translation>清空此项</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="130"/>
        <source>Registered address, e.g. 中山市小榄镇工业大道…</source>
        <translation>注册地址，如：中山市小榄镇工业大道…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="132"/>
        <source>Choose the town</source>
        <translation>选择镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="154"/>
        <source>Choose</source>
        <translation>请选择</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="157"/>
        <source>Level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="159"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="160"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="207"/>
        <source>The credit code&apos;s region %1 (%2) is not Zhongshan.</source>
        <translation>信用代码的登记地 %1（%2）不在中山市。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="212"/>
        <source>The address says %1 (every town of Zhongshan shares region code 442000, so the address decides).</source>
        <translation>按地址为 %1（中山各镇街的行政区划码均为 442000，以地址为准）。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="214"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="217"/>
        <source>No town found in the address yet.</source>
        <translation>地址中尚未识别出镇街。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="226"/>
        <source>Type or pick a GB/T 4754-2017 code.</source>
        <translation>请输入或选择 GB/T 4754-2017 行业代码。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="231"/>
        <source>Choose the town (or type the address).</source>
        <translation>请选择镇街（或输入地址）。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="238"/>
        <source>Choose a value.</source>
        <translation>请选择一项。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="243"/>
        <source>Two characters, the credit code&apos;s first two (91: enterprise).</source>
        <translation>请填两位，即信用代码前两位（91：企业）。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="247"/>
        <source>Type the value.</source>
        <translation>请填写数值。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="268"/>
        <source>Type a number.</source>
        <translation>请填写数字。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="273"/>
        <source>%1 must be between %2 and %3.</source>
        <translation>%1应在 %2 至 %3 之间。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="275"/>
        <source>%1 cannot be below %2.</source>
        <translation>%1不能小于 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/field_dialog.py" line="318"/>
        <source>Scale with this value (工信部联企业〔2011〕300号):</source>
        <translation>按此数值的企业规模（工信部联企业〔2011〕300号）：</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="52"/>
        <source>All towns</source>
        <translation>全部镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="54"/>
        <location filename="../../desktop/widgets/list_filters.py" line="61"/>
        <source>All units</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="67"/>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="68"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="69"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="70"/>
        <source>Taken from</source>
        <translation>受理日期起</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="71"/>
        <source>Taken to</source>
        <translation>受理日期止</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="73"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="74"/>
        <source>Show every request of the view again</source>
        <translation>清除所有筛选条件，显示本视图全部诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="82"/>
        <source>Taken</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/list_filters.py" line="118"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
</context>
<context>
    <name>IndustryPicker</name>
    <message>
        <location filename="../../desktop/policy/industry.py" line="148"/>
        <source>not classified by %1; decide by hand</source>
        <translation>%1 未列此行业，需人工认定</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/industry.py" line="152"/>
        <source>may be %1: a more specific code decides</source>
        <translation>可能属于%1，需更细的行业代码确定</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/industry.py" line="213"/>
        <source>Code, name or pinyin initials, e.g. C3872, 灯具, zmdj</source>
        <translation>代码、名称或拼音首字母，如 C3872、灯具、zmdj</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/industry.py" line="259"/>
        <source>Scale row: %1</source>
        <translation>规模划分适用：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/industry.py" line="261"/>
        <source>Not a GB/T 4754-2017 code yet</source>
        <translation>尚不是有效的 GB/T 4754-2017 代码</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="72"/>
        <source>New request</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="89"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="91"/>
        <source>Close and throw away what is typed</source>
        <translation>关闭并丢弃已填写的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="92"/>
        <source>Record</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="94"/>
        <source>Record the request (Ctrl+Enter)</source>
        <translation>受理登记（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="96"/>
        <source>Close; what is typed is kept as a draft</source>
        <translation>关闭；已填写的内容保存为草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="103"/>
        <source>Enter: next field · Ctrl+Enter: record · Ctrl+Shift+Enter: record and answer at once · Esc: close (the draft is kept)</source>
        <translation>Enter：下一项 · Ctrl+Enter：受理 · Ctrl+Shift+Enter：受理并即时答复 · Esc：关闭（保留草稿）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="198"/>
        <source>Choose a knowledge-base article (and its reply) to answer at once</source>
        <translation>请先在知识库中选择答复依据（并确认答复内容），再即时答复</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../desktop/screens/intake.py" line="98"/>
        <source>18 characters, e.g. 91442000…</source>
        <translation>18位，如 91442000…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="104"/>
        <source>Why keep a code that fails its check (e.g. as printed on the licence)</source>
        <translation>保留未通过校验的代码的原因（如：与营业执照原件一致）</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="108"/>
        <source>Name or pinyin initials, e.g. xlwj; pick from the list or type a new one</source>
        <translation>企业名称或拼音首字母，如 xlwj；从列表中选择，或输入新企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="116"/>
        <source>from the credit code</source>
        <translation>由信用代码自动识别</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="127"/>
        <source>mobile, or landline such as 0760-88886666</source>
        <translation>手机，或座机如 0760-88886666</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="131"/>
        <source>official who visited, e.g. name and post</source>
        <translation>走访人员，如姓名及职务</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="136"/>
        <source>What the enterprise asks; the knowledge base on the right follows it</source>
        <translation>企业反映的诉求；右侧知识库随输入自动检索</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="155"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="158"/>
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="159"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="160"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="162"/>
        <source>Exception note</source>
        <translation>例外说明</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="164"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="166"/>
        <source>Region · entity type</source>
        <translation>行政区划 · 主体类型</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="167"/>
        <source>Town</source>
        <translation>所属镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="168"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="169"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="440"/>
        <source>same topic</source>
        <translation>同一主题</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="441"/>
        <source>shares: %1</source>
        <translation>内容相近：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="447"/>
        <source>This enterprise has %1 open request(s) on a similar topic in the last %2 days; check it is not the same (you may still record):</source>
        <translation>该企业近 %2 天内有 %1 件类似诉求尚未办结，请核对是否重复（仍可继续受理）：</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="156"/>
        <source>Filed on behalf by</source>
        <translation>走访代提人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="171"/>
        <source>Request</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="315"/>
        <source>In this desk&apos;s enterprise list</source>
        <translation>本机企业库已有此企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="317"/>
        <source>%1 open requests</source>
        <translation>%1 件未办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="322"/>
        <source>New enterprise: it is added to the list when the request is recorded</source>
        <translation>新企业：受理后自动加入本机企业库</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="326"/>
        <source>Type a credit code, name or pinyin initials to find the enterprise</source>
        <translation>输入信用代码、企业名称或拼音首字母查找企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="345"/>
        <source>Optional; checked as you type</source>
        <translation>选填；输入时即时校验</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="354"/>
        <source>%1 of 18 characters</source>
        <translation>已输入 %1/18 位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="362"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake.py" line="369"/>
        <source>(keep it only with an exception note)</source>
        <translation>（如确认无误，须填写例外说明）</translation>
    </message>
</context>
<context>
    <name>InterimReplyDialog</name>
    <message>
        <location filename="../../desktop/screens/actions.py" line="424"/>
        <location filename="../../desktop/screens/actions.py" line="427"/>
        <source>Interim reply</source>
        <translation>阶段答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="430"/>
        <source>What the unit has done so far and what comes next, as told to the enterprise</source>
        <translation>承办单位目前的办理进展及下一步安排（已告知企业）</translation>
    </message>
</context>
<context>
    <name>ItemChooser</name>
    <message>
        <location filename="../../desktop/cases/items.py" line="37"/>
        <source>Item: title, a word of it, or pinyin initials</source>
        <translation>兑现事项：名称、关键词或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/items.py" line="81"/>
        <source>(no particular item)</source>
        <translation>（不针对具体事项）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/items.py" line="157"/>
        <source>not yet open</source>
        <translation>尚未开放</translation>
    </message>
</context>
<context>
    <name>ItemDetail</name>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="34"/>
        <source>All of:</source>
        <translation>同时满足：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="35"/>
        <source>Any one of:</source>
        <translation>满足其一：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="36"/>
        <source>Excluded:</source>
        <translation>排除：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="37"/>
        <source>proved by</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="61"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="62"/>
        <source>Scale</source>
        <translation>规模</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="63"/>
        <location filename="../../desktop/policy/item_detail.py" line="70"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="64"/>
        <source>Qualification</source>
        <translation>资质</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="71"/>
        <source>citywide</source>
        <translation>全市</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="82"/>
        <source>until repealed</source>
        <translation>长期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="83"/>
        <source>in force</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="84"/>
        <source>not in force</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="85"/>
        <source>Issued %1; in force %2 to %3</source>
        <translation>%1 印发；有效期 %2 至 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="94"/>
        <source>Policy document</source>
        <translation>政策文件</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="98"/>
        <source>Conditions</source>
        <translation>申报条件</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="100"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="105"/>
        <source>Cannot be combined with: %1</source>
        <translation>不可与以下事项同时享受：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="108"/>
        <source>Application batches (%1)</source>
        <translation>申报批次（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="112"/>
        <source>No application batch has been published.</source>
        <translation>尚未发布申报批次。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="114"/>
        <source>Window</source>
        <translation>申报时间</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="115"/>
        <source>Reference date</source>
        <translation>基准日</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="116"/>
        <source>(conditions are judged on this day)</source>
        <translation>（按该日情况判断是否符合条件）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="117"/>
        <source>Receiving unit</source>
        <translation>受理单位</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="118"/>
        <source>On duty</source>
        <translation>值班联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="119"/>
        <source>Contact</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="120"/>
        <source>Channel</source>
        <translation>申报渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="121"/>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="122"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="123"/>
        <source>How to prepare</source>
        <translation>准备要求</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="124"/>
        <source>Validity</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="125"/>
        <source>Materials (%1)</source>
        <translation>申报材料（%1）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="161"/>
        <source>For this enterprise:</source>
        <translation>本企业：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="162"/>
        <source>reference date %1</source>
        <translation>基准日 %1</translation>
    </message>
</context>
<context>
    <name>ItemDetailView</name>
    <message>
        <location filename="../../desktop/policy/item_detail.py" line="190"/>
        <source>Select an item to read its document, conditions, batches and materials.</source>
        <translation>选择一个兑现事项，查看政策文件、申报条件、申报批次和材料。</translation>
    </message>
</context>
<context>
    <name>KbPanel</name>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="178"/>
        <source>Knowledge base: answer at once</source>
        <translation>知识库 · 即接即答复</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="182"/>
        <source>Search the knowledge base (e.g. 年报, 融资, 专利); empty: follows the request</source>
        <translation>检索知识库（如 年报、融资、专利）；留空则按诉求内容匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="196"/>
        <source>Reply to record (you may edit it)</source>
        <translation>答复内容（可修改）</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="199"/>
        <source>Choose an article above; its answer appears here</source>
        <translation>在上方选择知识条目，其答复将填入此处</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="200"/>
        <source>Use the article&apos;s answer again</source>
        <translation>恢复条目原文</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="203"/>
        <source>Record and answer at once (Ctrl+Shift+Enter)</source>
        <translation>受理并即时答复（Ctrl+Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="265"/>
        <source>Searching…</source>
        <translation>检索中…</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="276"/>
        <source>Type the request or a search to see answers</source>
        <translation>输入诉求内容或检索词即可查看答复</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="278"/>
        <source>No answer found; try another word</source>
        <translation>未找到答复，请换个关键词</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="280"/>
        <source>%1 answers</source>
        <translation>找到 %1 条答复</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="306"/>
        <source>No article chosen</source>
        <translation>尚未选择知识条目</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="313"/>
        <source>Legal basis</source>
        <translation>政策依据</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="314"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="315"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="316"/>
        <source>Updated</source>
        <translation>更新日期</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/kb_panel.py" line="317"/>
        <source>Keywords</source>
        <translation>关键词</translation>
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
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/screens/login.py" line="25"/>
        <source>Sign in to the central server</source>
        <translation>登录中心服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="33"/>
        <source>this counter&apos;s station, e.g. SQ01</source>
        <translation>本窗口工位编号，如 SQ01</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="38"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="39"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="40"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="41"/>
        <source>Station</source>
        <translation>工位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="43"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="49"/>
        <source>Without signing in you can keep working on this desk; everything recorded is sent once you sign in.</source>
        <translation>不登录也可以在本机继续办理；登录后，所有已录入的内容会自动上传。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="63"/>
        <source>server</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="64"/>
        <source>account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="65"/>
        <source>password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="66"/>
        <source>station</source>
        <translation>工位编号</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="69"/>
        <source>Please fill in the %1.</source>
        <translation>请填写%1。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/login.py" line="73"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="126"/>
        <source>Hall Desk — enterprise service window</source>
        <translation>企业服务专窗工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="128"/>
        <source>DEMO (sample data)</source>
        <translation>演示（示例数据）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="132"/>
        <source>All requests</source>
        <translation>全部诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="132"/>
        <source>Open</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="133"/>
        <source>Taken by me</source>
        <translation>我受理的</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="133"/>
        <source>Due within 24 h</source>
        <translation>24小时内到期</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="134"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="134"/>
        <source>Supervised</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="135"/>
        <source>Follow to the end</source>
        <translation>一跟到底</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="135"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="138"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="140"/>
        <source>New request</source>
        <translation>新建受理</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="144"/>
        <source>Print receipt</source>
        <translation>打印回执</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="146"/>
        <source>Counter receipt of the selected request (Ctrl+P)</source>
        <translation>打印所选诉求的受理回执（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="152"/>
        <source>Search: enterprise, number, credit code, phone, pinyin initials</source>
        <translation>搜索：企业名称、编号、信用代码、电话、拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="198"/>
        <location filename="../../desktop/main_window.py" line="201"/>
        <source>%1 requests</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="203"/>
        <source>searching descriptions…</source>
        <translation>正在检索诉求内容…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="251"/>
        <source>Overdue: %1</source>
        <translation>逾期：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="254"/>
        <source>Not yet synced: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257"/>
        <source>Clocks: %1 due soon, %2 overdue</source>
        <translation>时限：即将到期 %1 · 逾期 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="267"/>
        <source>%1 clocks changed colour, e.g. %2 %3</source>
        <translation>%1 个时限状态变化，如 %2 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="289"/>
        <source>Select a request first.</source>
        <translation>请先选择一件诉求。</translation>
    </message>
</context>
<context>
    <name>MatchModel</name>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="140"/>
        <source>Item</source>
        <translation>兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="140"/>
        <source>Amount</source>
        <translation>扶持标准</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="140"/>
        <source>Batch judged by</source>
        <translation>所据批次</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="141"/>
        <source>Reference date</source>
        <translation>基准日</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="141"/>
        <source>Why / what is missing</source>
        <translation>原因 / 缺少什么</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_model.py" line="188"/>
        <source>Targeted by hand</source>
        <translation>已人工定向</translation>
    </message>
</context>
<context>
    <name>MatchingView</name>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="57"/>
        <source>Any batch status</source>
        <translation>全部批次状态</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="58"/>
        <source>Open for applications now</source>
        <translation>正在申报</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="59"/>
        <source>Closing within 14 days</source>
        <translation>14 天内截止</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="60"/>
        <source>Targeted by hand</source>
        <translation>已人工定向</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="63"/>
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="65"/>
        <source>Filter by title or initials</source>
        <translation>按标题或拼音首字母筛选</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="71"/>
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="71"/>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="99"/>
        <source>Target this item…</source>
        <translation>人工定向…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="100"/>
        <source>One-time notice…</source>
        <translation>一次性告知单…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="101"/>
        <source>Show in the catalogue</source>
        <translation>在政策库中查看</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="154"/>
        <source>Pick the enterprise at the desk (Ctrl+Shift+E): every item is matched against its profile.</source>
        <translation>请先选择当前办事企业（Ctrl+Shift+E）：按企业画像逐项匹配全部兑现事项。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="178"/>
        <source>Matching…</source>
        <translation>正在匹配…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="216"/>
        <source>· %1 items matched in %2 ms · judged on each batch&apos;s reference date, on %3</source>
        <translation>· 共匹配 %1 项，用时 %2 毫秒 · 按各批次基准日判断，匹配日期 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="259"/>
        <source>Matched items that cannot be combined (%1 groups)</source>
        <translation>不可同时享受的匹配事项（%1 组）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="270"/>
        <source>No item under these filters.</source>
        <translation>当前筛选条件下没有事项。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="280"/>
        <source>Judged by batch %1 (%2, %3): reference date %4 — conditions hold on that day, not today.</source>
        <translation>按批次 %1（%2，%3）判断：基准日 %4——以该日情况为准，而非今日。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="284"/>
        <source>No application batch: judged on %1.</source>
        <translation>暂无申报批次：按 %1 的情况判断。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="289"/>
        <source>Targeted by hand (reason: %1) — %2, %3</source>
        <translation>已定向推送（原因：%1）——%2，%3</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="291"/>
        <source>not yet synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="295"/>
        <source>To become eligible:</source>
        <translation>还需满足：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="296"/>
        <source>Still to confirm:</source>
        <translation>尚待确认：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/matching_view.py" line="300"/>
        <source>Every condition is met on the reference date.</source>
        <translation>基准日各项条件均已满足。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="28"/>
        <source>applies (highest amount)</source>
        <translation>适用（金额最高）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="30"/>
        <source>applies if the first does not qualify</source>
        <translation>前项不符合时适用</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="45"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="46"/>
        <source>Condition (clause)</source>
        <translation>条件（条款）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="47"/>
        <source>Required</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="48"/>
        <source>The enterprise (source)</source>
        <translation>企业情况（来源）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="49"/>
        <source>Proved by</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/match_html.py" line="56"/>
        <source>an alternative is met: not needed</source>
        <translation>已满足另一可选条件，此项无需满足</translation>
    </message>
</context>
<context>
    <name>MaterialDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="243"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="245"/>
        <source>Received on</source>
        <translation>收件日期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="250"/>
        <source>e.g. a copy, checked against the original</source>
        <translation>如：复印件，已与原件核对</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="252"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="261"/>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="262"/>
        <source>Valid %1 days: expires on %2</source>
        <translation>有效期 %1 天：%2 起失效</translation>
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
        <location filename="../../desktop/menus.py" line="86"/>
        <source>About Hall Desk</source>
        <translation>关于工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="56"/>
        <source>The new language applies when Hall Desk restarts. Restart now? Nothing typed so far is lost.</source>
        <translation>新的界面语言将在工作台重新启动后生效。现在重新启动吗？已录入的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="81"/>
        <source>Hall Desk %1 — the desk of the enterprise service windows.</source>
        <translation>企业服务专窗工作台 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/menus.py" line="84"/>
        <source>Demo mode: every request, enterprise and phone number here is invented sample data.</source>
        <translation>演示模式：此处的诉求、企业与电话号码均为虚构的示例数据。</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="71"/>
        <source>Open a help-and-proxy case for an enterprise: it starts as consulting; materials it handed in for other cases count.</source>
        <translation>为企业建立帮办代办案件：案件从“咨询中”开始；企业在其他案件已提交且在有效期内的材料直接计入。</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="79"/>
        <source>New redemption case</source>
        <translation>新建帮办案件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="82"/>
        <source>Open case</source>
        <translation>建立帮办</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="86"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="88"/>
        <source>Item</source>
        <translation>兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="90"/>
        <source>Open that case</source>
        <translation>打开原案件</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="100"/>
        <source>Batch</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="101"/>
        <source>What the enterprise came for</source>
        <translation>企业来意</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/new_case.py" line="103"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>NextFeedbackDialog</name>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="67"/>
        <source>Next feedback date</source>
        <translation>下次反馈日期</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="74"/>
        <source>Next feedback on</source>
        <translation>下次反馈日期</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="79"/>
        <source>Where it stands now, and why it cannot close yet</source>
        <translation>目前进展，以及暂不能办结的原因</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="80"/>
        <source>Rolling reply</source>
        <translation>滚动答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="81"/>
        <source>The request follows to the end (一跟到底): each rolling reply sets the next date, until it is resolved.</source>
        <translation>诉求进入“一跟到底”：每次滚动答复都设定下次反馈日期，直至办结。</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="94"/>
        <location filename="../../desktop/screens/actions.py" line="481"/>
        <location filename="../../desktop/screens/actions.py" line="484"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="97"/>
        <source>Anything worth keeping on the case&apos;s timeline</source>
        <translation>需要记入案件时间线的情况</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="487"/>
        <source>Anything worth keeping on the timeline</source>
        <translation>需要记入处理过程的情况</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../desktop/policy/notice.py" line="64"/>
        <source>Provided (received %1)</source>
        <translation>已提交（%1 收取）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="66"/>
        <source>, valid until %1</source>
        <translation>，有效期至 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="69"/>
        <source>Provided, but it expires on %1, before the batch closes on %2: bring a new one then</source>
        <translation>已提交，但将于 %1 过期，早于批次截止日 %2：届时请重新提供</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="72"/>
        <source>Expired on %1: bring a new one</source>
        <translation>已于 %1 过期：请重新提供</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="73"/>
        <source>Please prepare</source>
        <translation>请准备</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="247"/>
        <location filename="../../desktop/policy/notice.py" line="347"/>
        <source>One-time notice for policy redemption</source>
        <translation>政策兑现一次性告知单</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="249"/>
        <source>No. %1 · %2</source>
        <translation>编号 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="254"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="255"/>
        <source>no batch published yet</source>
        <translation>尚未发布申报批次</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="257"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="258"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="259"/>
        <source>Item</source>
        <translation>兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="260"/>
        <source>Amount</source>
        <translation>扶持标准</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="261"/>
        <source>Policy</source>
        <translation>政策依据</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="262"/>
        <source>Batch</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="263"/>
        <source>Window</source>
        <translation>申报时间</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="264"/>
        <source>Reference date</source>
        <translation>基准日</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="264"/>
        <source>%1 (conditions are judged on this day)</source>
        <translation>%1（按该日情况判断是否符合条件）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="265"/>
        <source>Receiving unit</source>
        <translation>受理单位</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="266"/>
        <source>Contact</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="267"/>
        <source>Channel</source>
        <translation>申报渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="279"/>
        <source>1. Conditions you still need to meet or prove</source>
        <translation>一、您尚需满足或补充证明的条件</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="281"/>
        <source>On our first check the enterprise meets every condition of this item.</source>
        <translation>经窗口初步核对，企业符合本事项的全部条件。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="283"/>
        <source>[not met]</source>
        <translation>【不满足】</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="283"/>
        <source>[to be confirmed]</source>
        <translation>【待确认】</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="287"/>
        <source>Proved by: %1</source>
        <translation>证明材料：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="297"/>
        <source>2. Please prepare the following materials</source>
        <translation>二、请准备以下材料</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="299"/>
        <source>The batch lists no materials.</source>
        <translation>本批次未列申报材料。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="322"/>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="327"/>
        <source>This notice is a first check against %1 and what the window knows of the enterprise; the receiving unit&apos;s review decides. Bring everything above at once; questions: the contact above or 12345.</source>
        <translation>本告知单系窗口依据 %1 及所掌握的企业信息作出的初步核对，最终以受理单位审核为准。请一次备齐上述材料；如有疑问，请联系上方咨询电话或拨打 12345。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="329"/>
        <source>Navigator: %1    %2    Date: %3</source>
        <translation>导办人员：%1    %2    日期：%3</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../desktop/policy/notice.py" line="406"/>
        <source>One-time notice</source>
        <translation>一次性告知单</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="413"/>
        <source>Preparing the notice…</source>
        <translation>正在生成告知单…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="420"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="423"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="451"/>
        <source>One-time notice · %1</source>
        <translation>一次性告知单 · %1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="466"/>
        <source>notice</source>
        <translation>一次性告知单</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/notice.py" line="468"/>
        <source>Save the notice as PDF</source>
        <translation>将告知单另存为 PDF</translation>
    </message>
</context>
<context>
    <name>OutboxDialog</name>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="20"/>
        <source>Not yet synced, and needs attention</source>
        <translation>待同步与需处理</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="25"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="25"/>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="26"/>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="26"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="27"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="39"/>
        <source>Dismiss after reading</source>
        <translation>已阅，移出列表</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="41"/>
        <source>Supervisors only: remove a refused action from the list once it has been dealt with</source>
        <translation>仅限督办：被拒绝的操作处理完毕后，从列表中移除</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="61"/>
        <source>%1 waiting to be sent, %2 refused by the server</source>
        <translation>%1 项待上传，%2 项被服务器拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="64"/>
        <source>waiting</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="64"/>
        <source>held: update Hall Desk</source>
        <translation>暂停：请升级工作台</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/outbox.py" line="65"/>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
</context>
<context>
    <name>OutreachModel</name>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="56"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="56"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="57"/>
        <source>Town</source>
        <translation>所在镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="57"/>
        <source>Outcome</source>
        <translation>判断结果</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="58"/>
        <source>What is missing</source>
        <translation>主要提示</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="69"/>
        <source>every condition is met</source>
        <translation>条件均已满足</translation>
    </message>
</context>
<context>
    <name>OutreachView</name>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="95"/>
        <source>This desk&apos;s scope</source>
        <translation>本窗口辖区</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="111"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="112"/>
        <source>Save the list as Excel (.xlsx) or CSV (Ctrl+E)</source>
        <translation>将清单导出为 Excel（.xlsx）或 CSV（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="115"/>
        <source>Open case…</source>
        <translation>建立帮办…</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="116"/>
        <source>A redemption case for the selected enterprise (Enter on its line)</source>
        <translation>为所选企业建立帮办案件（在该行按回车）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="123"/>
        <source>Items open for application</source>
        <translation>正在申报的兑现事项</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="129"/>
        <source>Batch</source>
        <translation>申报批次</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="131"/>
        <source>Town</source>
        <translation>镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="231"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="231"/>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="232"/>
        <source>Export the outreach list</source>
        <translation>导出主动服务清单</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/outreach.py" line="253"/>
        <source>Exported to %1</source>
        <translation>已导出：%1</translation>
    </message>
</context>
<context>
    <name>PolicyHitModel</name>
    <message>
        <location filename="../../desktop/policy/catalogue_view.py" line="85"/>
        <source>not in force</source>
        <translation>已失效</translation>
    </message>
</context>
<context>
    <name>PolicyLabels</name>
    <message>
        <location filename="../../desktop/policy/common.py" line="38"/>
        <source>Open for applications</source>
        <translation>申报中</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="39"/>
        <source>Closing within 14 days</source>
        <translation>即将截止</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="40"/>
        <source>Not yet open</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="41"/>
        <source>Closed</source>
        <translation>已截止</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="42"/>
        <source>No application batch</source>
        <translation>暂无批次</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="46"/>
        <source>Eligible</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="47"/>
        <source>Likely (information missing)</source>
        <translation>可能符合（信息待补充）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="48"/>
        <source>Not eligible</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="52"/>
        <source>Met</source>
        <translation>满足</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="53"/>
        <source>Not met</source>
        <translation>不满足</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="54"/>
        <source>Missing</source>
        <translation>缺信息</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="58"/>
        <source>Subsidy</source>
        <translation>补贴</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="59"/>
        <source>Award</source>
        <translation>奖励</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="60"/>
        <source>Reduction</source>
        <translation>减免</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="61"/>
        <source>Interest subsidy</source>
        <translation>贴息</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="62"/>
        <source>Guarantee</source>
        <translation>担保</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="63"/>
        <source>Talent</source>
        <translation>人才</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="67"/>
        <source>Not combinable (pick one)</source>
        <translation>不重复享受（择一）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="68"/>
        <source>Highest amount only</source>
        <translation>就高不就低</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="114"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="120"/>
        <source>no expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/common.py" line="121"/>
        <source>valid %1 days</source>
        <translation>有效期 %1 天</translation>
    </message>
</context>
<context>
    <name>PolicyWorkspace</name>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="154"/>
        <source>Enterprise at the desk: credit code, name or pinyin initials</source>
        <translation>办事企业：信用代码、名称或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="159"/>
        <source>New enterprise…</source>
        <translation>新增企业…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="165"/>
        <source>&amp;Enterprise</source>
        <translation>企业(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="178"/>
        <source>Policy catalogue</source>
        <translation>政策库</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="179"/>
        <source>Enterprise profile</source>
        <translation>企业画像</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="180"/>
        <source>Smart recommendation</source>
        <translation>智能推荐</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="201"/>
        <source>Saved: %1 (queued for sync)</source>
        <translation>已保存：%1（待同步）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="245"/>
        <source>No enterprise at the desk: Ctrl+Shift+E to pick one.</source>
        <translation>尚未选择办事企业：按 Ctrl+Shift+E 选择。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="256"/>
        <source>%1 eligible · %2 likely</source>
        <translation>符合 %1 项 · 可能符合 %2 项</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="304"/>
        <source>Pick the enterprise at the desk first (Ctrl+Shift+E).</source>
        <translation>请先选择办事企业（Ctrl+Shift+E）。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="329"/>
        <source>Targeted: %1 (queued for sync)</source>
        <translation>已定向推送：%1（待同步）</translation>
    </message>
</context>
<context>
    <name>PreparationDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="78"/>
        <source>The enterprise decided to apply; what it was asked to bring</source>
        <translation>企业决定申报；已告知需准备的材料</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="84"/>
        <source>Enter or F2: edit the field · Delete: clear it · every edit names its source: 企业自述 (told by the enterprise), 查验材料 (a document seen), 中央登记库 (central register)</source>
        <translation>Enter 或 F2：编辑此项 · Delete：清空此项 · 每次修改须注明来源：企业自述、查验材料、中央登记库</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="85"/>
        <source>Edit field…</source>
        <translation>编辑此项…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="108"/>
        <source>Pick the enterprise at the desk (Ctrl+Shift+E) to see and edit its profile.</source>
        <translation>请先选择办事企业（Ctrl+Shift+E），再查看和编辑企业画像。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="154"/>
        <source>registered in %1 (%2)</source>
        <translation>登记地：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="163"/>
        <source>Enterprise scale (工信部联企业〔2011〕300号)</source>
        <translation>企业规模（工信部联企业〔2011〕300号）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="165"/>
        <source>undetermined</source>
        <translation>无法确定</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="169"/>
        <source>Figures of FY%1</source>
        <translation>依据 %1 年度数据</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="208"/>
        <source>Clear field</source>
        <translation>清空此项</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_editor.py" line="209"/>
        <source>Clear “%1”? It becomes unknown (information missing) for matching.</source>
        <translation>清空“%1”？清空后匹配时按“缺信息”处理。</translation>
    </message>
</context>
<context>
    <name>ProfileModel</name>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="68"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="68"/>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="68"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="68"/>
        <source>As of</source>
        <translation>核实日期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="69"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/profile_model.py" line="85"/>
        <source>not given</source>
        <translation>未填写</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="27"/>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="49"/>
        <source>Qualification</source>
        <translation>资质</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="35"/>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="50"/>
        <source>Valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="51"/>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="52"/>
        <source>Seen on</source>
        <translation>核实日期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="53"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>QualificationsDialog</name>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="93"/>
        <source>Qualifications</source>
        <translation>企业资质</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="100"/>
        <source>Qualification</source>
        <translation>资质</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="100"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="101"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="101"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="106"/>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="107"/>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="108"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="120"/>
        <source>Where does this list come from? (a list from the central register counts as complete)</source>
        <translation>资质清单来源（来自中央登记库的清单视为完整）</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="123"/>
        <source>List seen on</source>
        <translation>清单核实日期</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="127"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/qualifications_dialog.py" line="129"/>
        <source>Clear (not known)</source>
        <translation>清空（情况不明）</translation>
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
        <location filename="../../desktop/receipt.py" line="187"/>
        <source>Enterprise request receipt</source>
        <translation>企业诉求受理回执</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="137"/>
        <source>Request No.</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="138"/>
        <source>Taken at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="139"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="140"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="141"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="142"/>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="149"/>
        <source>Provisional number from this counter: the official number is assigned when the desk syncs; either one finds this request.</source>
        <translation>本号为窗口临时编号：工作台联网同步后将生成正式编号，两个编号均可查询本诉求。</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="160"/>
        <source>Our commitments</source>
        <translation>服务承诺</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="167"/>
        <source>* Provisional: depends on next year&apos;s holiday calendar, not yet published; we keep to the published one.</source>
        <translation>* 暂定：该日期取决于尚未发布的次年节假日安排，以正式发布为准。</translation>
    </message>
    <message>
        <location filename="../../desktop/receipt.py" line="172"/>
        <source>Questions or supervision: 12345 · Clerk: %1 · Printed %2</source>
        <translation>咨询、监督电话：12345 · 受理人：%1 · 打印时间 %2</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="35"/>
        <source>Counter receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="38"/>
        <source>Preparing the receipt…</source>
        <translation>正在生成回执…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="44"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="47"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/receipt_dialog.py" line="96"/>
        <source>Save receipt as PDF</source>
        <translation>保存回执为 PDF</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="217"/>
        <source>Amount (yuan)</source>
        <translation>兑现金额（元）</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="218"/>
        <source>optional; whole yuan</source>
        <translation>选填；整数元</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="219"/>
        <source>Redeemed on</source>
        <translation>兑现日期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="222"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>RegisterEnterpriseDialog</name>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="54"/>
        <source>Register an enterprise</source>
        <translation>新增企业</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="62"/>
        <source>e.g. 中山市小榄镇工业大道中88号</source>
        <translation>如：中山市小榄镇工业大道中88号</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="66"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="67"/>
        <source>Name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="68"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="106"/>
        <source>valid credit code</source>
        <translation>信用代码校验通过</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="107"/>
        <source>Credit code: %1</source>
        <translation>统一社会信用代码：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/workspace.py" line="112"/>
        <source>town by the address: %1</source>
        <translation>按地址所属镇街：%1</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="111"/>
        <source>Why the department did not approve it, as it said</source>
        <translation>部门不予通过的原因（按部门答复填写）</translation>
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
    <name>ReopenDialog</name>
    <message>
        <location filename="../../desktop/screens/actions.py" line="462"/>
        <location filename="../../desktop/screens/actions.py" line="465"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="468"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="471"/>
        <source>Why the request needs handling again</source>
        <translation>需要重新办理的原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="125"/>
        <source>Why the case is taken up again</source>
        <translation>重新办理的原因</translation>
    </message>
</context>
<context>
    <name>RequestDetailPane</name>
    <message>
        <location filename="../../desktop/screens/detail.py" line="222"/>
        <source>Select a request to see its clocks and timeline.</source>
        <translation>选择一件诉求，查看办理时限与处理过程。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="228"/>
        <source>Timeline</source>
        <translation>处理过程</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="236"/>
        <source>Answer at once</source>
        <translation>即时答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="237"/>
        <source>Answer now from the knowledge base and close</source>
        <translation>依据知识库当场答复并办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="238"/>
        <source>Three-way call</source>
        <translation>三方通话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="239"/>
        <source>Notes of a call with the enterprise and a unit</source>
        <translation>记录企业、窗口与承办单位的三方通话</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="240"/>
        <source>Dispatch</source>
        <translation>转办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="241"/>
        <source>Send to a handling unit; the three clocks start</source>
        <translation>转交承办单位办理，三个时限开始计时</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="242"/>
        <source>Contact logged</source>
        <translation>联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="243"/>
        <source>The unit has contacted the enterprise</source>
        <translation>记录承办单位已联系企业</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="244"/>
        <source>Interim reply</source>
        <translation>阶段答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="245"/>
        <source>Record the unit&apos;s interim reply</source>
        <translation>记录承办单位的阶段性答复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="246"/>
        <source>Next feedback</source>
        <translation>下次反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="247"/>
        <source>Follow to the end: a rolling reply and the next feedback date</source>
        <translation>一跟到底：滚动答复并设定下次反馈日期</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="249"/>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="249"/>
        <source>Record how it was resolved</source>
        <translation>记录办结情况</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="250"/>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="251"/>
        <source>Satisfaction and whether it was solved; unsatisfied or unsolved reopens it</source>
        <translation>记录满意度及解决情况；不满意或未解决将重新打开诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="253"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="253"/>
        <source>Open the request again, with a reason</source>
        <translation>注明原因，重新打开诉求</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="255"/>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="256"/>
        <source>Flag for supervision with a reply date</source>
        <translation>列为督办件并设定回复期限</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="257"/>
        <source>Transfer</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="258"/>
        <source>Send to another unit, with a reason</source>
        <translation>注明原因，改派其他承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="259"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="259"/>
        <source>Add a note to the timeline</source>
        <translation>在处理过程中添加备注</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="306"/>
        <source>Type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="307"/>
        <source>Topic</source>
        <translation>诉求主题</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="308"/>
        <source>Channel</source>
        <translation>受理渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="309"/>
        <source>Town</source>
        <translation>所属镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="310"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="311"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="312"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="316"/>
        <source>Unit on duty</source>
        <translation>单位值班</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="318"/>
        <source>Filed on behalf by</source>
        <translation>走访代提人</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="343"/>
        <source>Supervised: reply due by %1</source>
        <translation>督办件：须于 %1 前回复</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="434"/>
        <source>The call is saved. Dispatch the request to a handling unit now?</source>
        <translation>通话记录已保存。现在将诉求转办给承办单位吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="436"/>
        <source>The call is saved. Transfer the request to another unit now?</source>
        <translation>通话记录已保存。现在将诉求改派给其他单位吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="437"/>
        <source>Needs dispatch</source>
        <translation>需要转办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/detail.py" line="445"/>
        <source>After a three-way call: %1</source>
        <translation>经三方通话：%1</translation>
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
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desktop/screens/actions.py" line="441"/>
        <location filename="../../desktop/screens/actions.py" line="444"/>
        <source>Resolve</source>
        <translation>办结</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="447"/>
        <source>How it was resolved</source>
        <translation>办结情况</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions.py" line="450"/>
        <source>The outcome, the basis for it, and what the enterprise was told</source>
        <translation>办理结果、依据及告知企业的内容</translation>
    </message>
</context>
<context>
    <name>RestoreBanner</name>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="35"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="36"/>
        <source>&amp;Discard it</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="49"/>
        <source>Restore the unfinished intake?</source>
        <translation>恢复未完成的受理？</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/intake_dialog.py" line="51"/>
        <source>Saved %1</source>
        <translation>保存于 %1</translation>
    </message>
</context>
<context>
    <name>ReturnVisitDialog</name>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="131"/>
        <source>Return visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="135"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="137"/>
        <source>Solved?</source>
        <translation>解决情况</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="144"/>
        <source>Phone call</source>
        <translation>电话回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="144"/>
        <source>Text message</source>
        <translation>短信回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="145"/>
        <source>Visit in person</source>
        <translation>上门回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="145"/>
        <source>At the counter</source>
        <translation>窗口当面回访</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="146"/>
        <source>Online evaluation (Yueshangtong)</source>
        <translation>粤商通在线评价</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="149"/>
        <source>Visited by</source>
        <translation>回访方式</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="150"/>
        <source>What the enterprise said</source>
        <translation>企业的意见</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="152"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="164"/>
        <source>Unsatisfied or unsolved: recording this REOPENS the request, and it must be handled again.</source>
        <translation>不满意或未解决：记录后该诉求将重新打开，需要重新办理。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="167"/>
        <source>Record and reopen</source>
        <translation>记录并重新打开</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="169"/>
        <source>Note: &apos;Unsatisfied&apos; or &apos;Unsolved&apos; reopens the request; otherwise it is closed.</source>
        <translation>注意：选择“不满意”或“未解决”将重新打开诉求；否则诉求结案。</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="172"/>
        <source>Record and close</source>
        <translation>记录并结案</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="85"/>
        <source>The receiving department has started its review</source>
        <translation>受理部门已开始审核</translation>
    </message>
</context>
<context>
    <name>SourcePicker</name>
    <message>
        <location filename="../../desktop/policy/source_picker.py" line="25"/>
        <source>Where does this come from?</source>
        <translation>信息来源</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/source_picker.py" line="38"/>
        <source>Which material was seen?</source>
        <translation>查验的是哪份材料？</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/source_picker.py" line="74"/>
        <source>Choose where the value comes from (Alt+1, Alt+2, Alt+3).</source>
        <translation>请选择信息来源（Alt+1、Alt+2、Alt+3）。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/source_picker.py" line="76"/>
        <source>Name the material that was seen.</source>
        <translation>请选择查验的材料。</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="135"/>
        <source>Submitted on</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="138"/>
        <source>Channel</source>
        <translation>申报渠道</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="139"/>
        <source>e.g. online platform, counter</source>
        <translation>如：政策兑现平台、窗口代办</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="141"/>
        <source>Acceptance number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="142"/>
        <source>the number the department gave</source>
        <translation>部门给出的受理编号</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="144"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="146"/>
        <source>Why it is submitted before every material is in hand</source>
        <translation>材料未齐仍先行申报的原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="152"/>
        <source>Not in hand: %1</source>
        <translation>尚未收齐：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="155"/>
        <source>Every material is in hand.</source>
        <translation>材料已收齐。</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="157"/>
        <source>Missing materials</source>
        <translation>缺件说明</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="164"/>
        <source>Window %1 to %2</source>
        <translation>申报时间 %1 至 %2</translation>
    </message>
</context>
<context>
    <name>SuperviseDialog</name>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="189"/>
        <location filename="../../desktop/screens/actions_followup.py" line="192"/>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="199"/>
        <source>Reply due by</source>
        <translation>回复期限</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="206"/>
        <source>Level</source>
        <translation>督办类别</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="207"/>
        <source>What the unit must do, and by when</source>
        <translation>督办意见：要求承办单位办理的事项及时间</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="209"/>
        <source>Instructions</source>
        <translation>督办意见</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="224"/>
        <source>Supervisor</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/actions_followup.py" line="225"/>
        <source>Leaders&apos; direct line</source>
        <translation>书记市长直通车</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="198"/>
        <source>Materials asked for</source>
        <translation>需补正材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="199"/>
        <source>Space ticks a material</source>
        <translation>空格键勾选材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="200"/>
        <source>What the department asks to be corrected or added</source>
        <translation>部门要求补正或补充的内容</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="202"/>
        <source>Request</source>
        <translation>补正要求</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../desktop/sync_setup.py" line="41"/>
        <source>Not signed in: working on this desk only</source>
        <translation>未登录：仅在本机办理</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="41"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="44"/>
        <source>Work offline</source>
        <translation>离线办理</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="45"/>
        <source>Keep working on this desk only; nothing is sent or fetched until you switch it off</source>
        <translation>只在本机办理；关闭前不上传也不下载任何数据</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="57"/>
        <source>sending</source>
        <translation>上传中</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="57"/>
        <source>receiving</source>
        <translation>下载中</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="58"/>
        <source>receiving everything</source>
        <translation>全量下载中</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="59"/>
        <source>catalogue</source>
        <translation>更新目录</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="61"/>
        <source>Syncing: %1</source>
        <translation>同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="63"/>
        <location filename="../../desktop/widgets/sync_status.py" line="64"/>
        <source>Online</source>
        <translation>已联网</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="63"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="64"/>
        <source>Syncing</source>
        <translation>正在同步</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="65"/>
        <source>Update Hall Desk: sending is paused</source>
        <translation>请升级工作台：已暂停上传</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="66"/>
        <source>Signed out: sign in to send</source>
        <translation>登录已失效：请重新登录以上传</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="72"/>
        <source>Working offline</source>
        <translation>离线办理中</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="77"/>
        <source>Not yet synced: %1</source>
        <translation>待同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="79"/>
        <source>Last synced %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="82"/>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="84"/>
        <source>Needs attention: %1</source>
        <translation>需处理：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="93"/>
        <source>This computer&apos;s clock is %1 min off the server&apos;s</source>
        <translation>本机时钟与服务器相差 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="107"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/sync_status.py" line="109"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
</context>
<context>
    <name>TakeBackDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="289"/>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="291"/>
        <source>Why it no longer counts</source>
        <translation>材料不再有效的原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="292"/>
        <source>Reason</source>
        <translation>撤下原因</translation>
    </message>
    <message>
        <location filename="../../desktop/cases/actions.py" line="293"/>
        <source>It stops counting for every case of this enterprise.</source>
        <translation>撤下后，该企业所有帮办案件均不再计入此材料。</translation>
    </message>
</context>
<context>
    <name>TargetingDialog</name>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="33"/>
        <source>Target an item to the enterprise</source>
        <translation>人工定向推送</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="42"/>
        <source>Why this item is pushed to this enterprise (required), e.g. 走访时企业表示今年计划申报高企，资质材料正在准备</source>
        <translation>向该企业推送此事项的原因（必填），如：走访时企业表示今年计划申报高企，资质材料正在准备</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="51"/>
        <source>Record targeting</source>
        <translation>确认定向推送</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="66"/>
        <source>Already targeted: %1</source>
        <translation>已定向推送过：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="70"/>
        <source>&amp;Reason (required):</source>
        <translation>推送原因（必填）(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="91"/>
        <source>A reason is required: say why this item is pushed to this enterprise.</source>
        <translation>请填写原因：说明为何向该企业推送此事项。</translation>
    </message>
    <message>
        <location filename="../../desktop/policy/targeting.py" line="95"/>
        <source>At most %1 characters.</source>
        <translation>最多 %1 个字。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="31"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="32"/>
        <source>Three-way call</source>
        <translation>三方通话</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="33"/>
        <source>Clerk&apos;s answer</source>
        <translation>受理员答复</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="55"/>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="59"/>
        <source>Call time %1</source>
        <translation>通话 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="63"/>
        <source>On the line: %1</source>
        <translation>参与人：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="68"/>
        <source>Call back at %1</source>
        <translation>约定回拨：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="79"/>
        <source>Next feedback by %1</source>
        <translation>下次反馈：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="94"/>
        <source>Reply due by %1 · %2</source>
        <translation>回复期限 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/timeline.py" line="120"/>
        <source>(not yet synced)</source>
        <translation>（尚未同步）</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="124"/>
        <source>Transfer to another unit</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="127"/>
        <source>Transfer</source>
        <translation>改派</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="134"/>
        <source>Reason</source>
        <translation>改派原因</translation>
    </message>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="137"/>
        <source>Why the current unit is not the right one</source>
        <translation>原承办单位不适合办理的原因</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../desktop/screens/dispatch.py" line="62"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="250"/>
        <source>Search units: name, short name or pinyin initials (e.g. scjg)</source>
        <translation>搜索单位：全称、简称或拼音首字母（如 scjg）</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="333"/>
        <source>No unit matches; try fewer characters or the pinyin initials.</source>
        <translation>没有匹配的单位；请减少字数或改用拼音首字母。</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="338"/>
        <source>no one listed on duty today</source>
        <translation>今日无值班人员</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="339"/>
        <source>Picked: %1 · on duty: %2</source>
        <translation>已选：%1 · 值班：%2</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="186"/>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="186"/>
        <source>On duty today</source>
        <translation>今日值班</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="187"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="187"/>
        <source>Listed as</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="205"/>
        <source>none today</source>
        <translation>今日无人值班</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="216"/>
        <source>Usual for this topic</source>
        <translation>主题常办</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="216"/>
        <source>Request&apos;s town</source>
        <translation>本镇街</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="217"/>
        <source>Handles this topic</source>
        <translation>可办理</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="222"/>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/unit_picker.py" line="222"/>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="118"/>
        <source>Why the enterprise withdraws the application</source>
        <translation>企业撤回申报的原因</translation>
    </message>
</context>
<context>
    <name>Workspaces</name>
    <message>
        <location filename="../../desktop/workspaces.py" line="65"/>
        <source>Requests</source>
        <translation>诉求办理</translation>
    </message>
    <message>
        <location filename="../../desktop/workspaces.py" line="66"/>
        <source>Policy redemption</source>
        <translation>政策兑现</translation>
    </message>
    <message>
        <location filename="../../desktop/workspaces.py" line="67"/>
        <source>Redemption cases</source>
        <translation>帮办案件</translation>
    </message>
</context>
<context>
    <name>_ReasonDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="104"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>_TextDialog</name>
    <message>
        <location filename="../../desktop/cases/actions.py" line="60"/>
        <source>Remark</source>
        <translation>说明</translation>
    </message>
</context>
</TS>
