#include "AddSymbolDialog.h"
#include "SymbolSearch.h"
#include "SymbolSearchModel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_AddSymbolDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void typingShowsRankedResults_data();
    void typingShowsRankedResults();
    void enterAddsFirstRow();
    void addButtonAddsSelection();
    void ctrlClickSelectsSeveral();
    void shiftDownExtendsSelection();
    void arrowKeysMoveInResults();
    void duplicateRefused();
    void duplicatesSkippedInMixedSelection();
    void addedSymbolIsThenDuplicate();
    void invalidCodeRefused_data();
    void invalidCodeRefused();
    void validUncataloguedCodeAccepted_data();
    void validUncataloguedCodeAccepted();
    void typingClearsMessage();
    void setQueryContinuesTyping();
    void typingInResultsGoesToQuery();
    void escapeCloses();
    void doubleClickAdds();
    void namesFollowLanguage();
    void feedLabeler();
    void feedChoice();
    void modelUnderTester();
    void screenshots();

private:
    QLineEdit* queryEdit() const { return m_dialog->findChild<QLineEdit*>(); }
    void type(const QString& text)
    {
        queryEdit()->clear();
        bool ascii = true;
        for (QChar c : text)
            ascii = ascii && c.unicode() < 0x80;
        if (ascii)
            QTest::keyClicks(queryEdit(), text);
        else
            queryEdit()->insert(text); // what an input method commits; QTest types ASCII only
    }

    SymbolSearch* m_search = nullptr;
    AddSymbolDialog* m_dialog = nullptr;
};

void tst_AddSymbolDialog::init()
{
    m_search = new SymbolSearch(&SymbolCatalog::builtIn());
    m_dialog = new AddSymbolDialog(m_search, false, nullptr);
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
}

void tst_AddSymbolDialog::cleanup()
{
    delete m_dialog;
    m_dialog = nullptr;
    delete m_search;
    m_search = nullptr;
}

void tst_AddSymbolDialog::typingShowsRankedResults_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("first");

    QTest::newRow("pinyin") << u"gzmt"_s << u"600519.SH"_s;
    QTest::newRow("code") << u"600519"_s << u"600519.SH"_s;
    QTest::newRow("chinese") << u"茅台"_s << u"600519.SH"_s;
    QTest::newRow("english") << u"tencent"_s << u"700.HK"_s;
    QTest::newRow("hk number") << u"700"_s << u"700.HK"_s;
    QTest::newRow("bank pinyin") << u"zsyh"_s << u"600036.SH"_s;
}

void tst_AddSymbolDialog::typingShowsRankedResults()
{
    QFETCH(QString, text);
    QFETCH(QString, first);
    QVERIFY(!m_dialog->isModal());
    type(text);
    const SymbolSearchModel* model = m_dialog->resultsModel();
    QVERIFY(model->rowCount() > 0);
    QCOMPARE(model->codeAt(0), first);
    QCOMPARE(model->index(0, SymbolSearchModel::Code).data().toString(), first);
    QCOMPARE(m_dialog->selectedCodes(), QStringList{first}); // the best match is selected, ready for Enter
}

void tst_AddSymbolDialog::enterAddsFirstRow()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"gzmt"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{u"600519.SH"_s});
    // Stays open for the next search, with a status line.
    QVERIFY(m_dialog->isVisible());
    QVERIFY(m_dialog->query().isEmpty());
    QVERIFY(!m_dialog->messageIsError());
    QVERIFY2(m_dialog->message().contains(u"600519.SH"_s), qPrintable(m_dialog->message()));
}

void tst_AddSymbolDialog::addButtonAddsSelection()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"aapl"_s);
    auto* add = m_dialog->findChild<QPushButton*>();
    QVERIFY(add);
    QCOMPARE(add->text(), u"Add"_s);
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{u"AAPL.US"_s});
}

void tst_AddSymbolDialog::ctrlClickSelectsSeveral()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"银行"_s);
    QTableView* view = m_dialog->resultsView();
    QVERIFY(m_dialog->resultsModel()->rowCount() >= 3);
    const QString first = m_dialog->resultsModel()->codeAt(0);
    const QString third = m_dialog->resultsModel()->codeAt(2);
    const QRect rect = view->visualRect(m_dialog->resultsModel()->index(2, SymbolSearchModel::Name));
    QVERIFY(rect.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, rect.center());
    QCOMPARE(m_dialog->selectedCodes(), (QStringList{first, third}));
    QTest::keyClick(queryEdit(), Qt::Key_Enter);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), (QStringList{first, third}));
    QVERIFY2(m_dialog->message().contains(u"2"_s), qPrintable(m_dialog->message()));
}

void tst_AddSymbolDialog::shiftDownExtendsSelection()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"银行"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(queryEdit(), Qt::Key_Down, Qt::ShiftModifier);
    const SymbolSearchModel* model = m_dialog->resultsModel();
    const QStringList expected{model->codeAt(0), model->codeAt(1), model->codeAt(2)};
    QCOMPARE(m_dialog->selectedCodes(), expected);
    QCOMPARE(queryEdit()->text(), u"银行"_s); // the field keeps the query
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), expected);
}

void tst_AddSymbolDialog::arrowKeysMoveInResults()
{
    type(u"银行"_s);
    const SymbolSearchModel* model = m_dialog->resultsModel();
    QTest::keyClick(queryEdit(), Qt::Key_Down);
    QCOMPARE(m_dialog->selectedCodes(), QStringList{model->codeAt(1)});
    QTest::keyClick(queryEdit(), Qt::Key_Down);
    QCOMPARE(m_dialog->selectedCodes(), QStringList{model->codeAt(2)});
    QTest::keyClick(queryEdit(), Qt::Key_Up);
    QCOMPARE(m_dialog->selectedCodes(), QStringList{model->codeAt(1)});
    QVERIFY(queryEdit()->hasFocus() || !QApplication::focusWidget()); // typing focus never left the field
}

void tst_AddSymbolDialog::duplicateRefused()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    m_dialog->setExistingSymbols({u"700.HK"_s, u"AAPL.US"_s});
    type(u"700"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 0);
    QVERIFY(m_dialog->messageIsError());
    QCOMPARE(m_dialog->message(), u"700.HK is already in this watchlist"_s);
    QCOMPARE(m_dialog->query(), u"700"_s); // kept, so the user can pick another row
}

void tst_AddSymbolDialog::duplicatesSkippedInMixedSelection()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"银行"_s);
    const SymbolSearchModel* model = m_dialog->resultsModel();
    m_dialog->setExistingSymbols({model->codeAt(1)});
    QTest::keyClick(queryEdit(), Qt::Key_Down, Qt::ShiftModifier);
    const QString fresh = model->codeAt(0);
    const QString old = model->codeAt(1);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{fresh});
    QVERIFY(!m_dialog->messageIsError());
    QVERIFY2(m_dialog->message().contains(old + u" is already in this watchlist"_s), qPrintable(m_dialog->message()));
}

void tst_AddSymbolDialog::addedSymbolIsThenDuplicate()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"gzmt"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    type(u"gzmt"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QVERIFY(m_dialog->messageIsError());
    QCOMPARE(m_dialog->message(), u"600519.SH is already in this watchlist"_s);
}

void tst_AddSymbolDialog::invalidCodeRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("bad suffix") << u"XYZ.USX"_s;
    QTest::newRow("hk letters") << u"ABCQ.HK"_s;
    QTest::newRow("short a-share") << u"12345.SZ"_s;
    QTest::newRow("nonsense") << u"qqqqqqqq"_s;
}

void tst_AddSymbolDialog::invalidCodeRefused()
{
    QFETCH(QString, text);
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(text);
    QCOMPARE(m_dialog->resultsModel()->rowCount(), 0);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 0);
    QVERIFY(m_dialog->messageIsError());
    QVERIFY2(m_dialog->message().contains(u"not a valid code"_s), qPrintable(m_dialog->message()));
    QVERIFY2(m_dialog->message().contains(text), qPrintable(m_dialog->message()));
    QVERIFY(m_dialog->isVisible());
}

void tst_AddSymbolDialog::validUncataloguedCodeAccepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("us") << u"zzzz.us"_s << u"ZZZZ.US"_s;
    QTest::newRow("hk with zeros") << u"09999.hk"_s << u"9999.HK"_s; // in the catalog: no extra row
    QTest::newRow("a-share") << u"605499.SH"_s << u"605499.SH"_s;
    QTest::newRow("forex") << u"usdsek"_s << u"USDSEK"_s;
    QTest::newRow("crypto") << u"PEPEUSDT"_s << u"PEPEUSDT"_s;
}

void tst_AddSymbolDialog::validUncataloguedCodeAccepted()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(text);
    const SymbolSearchModel* model = m_dialog->resultsModel();
    QVERIFY(model->rowCount() >= 1);
    QCOMPARE(model->codeAt(0), code);
    const bool catalogued = SymbolCatalog::builtIn().find(code) != nullptr;
    QCOMPARE(model->isUncatalogued(0), !catalogued);
    if (!catalogued) {
        QCOMPARE(model->index(0, SymbolSearchModel::Name).data().toString(),
                 u"Add code %1 (not in catalog)"_s.arg(code));
        QVERIFY(model->index(0, SymbolSearchModel::Code).data(SymbolSearchModel::UncataloguedRole).toBool());
    }
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{code});
}

void tst_AddSymbolDialog::typingClearsMessage()
{
    type(u"XYZ.USX"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QVERIFY(m_dialog->messageIsError());
    QTest::keyClick(queryEdit(), Qt::Key_Backspace);
    QVERIFY(m_dialog->message().isEmpty());
    QVERIFY(!m_dialog->messageIsError());
}

void tst_AddSymbolDialog::setQueryContinuesTyping()
{
    m_dialog->setQuery(u"g"_s);
    QCOMPARE(queryEdit()->cursorPosition(), 1);
    QTest::keyClicks(queryEdit(), u"zmt"_s);
    QCOMPARE(m_dialog->query(), u"gzmt"_s);
    QCOMPARE(m_dialog->resultsModel()->codeAt(0), u"600519.SH"_s);
}

void tst_AddSymbolDialog::typingInResultsGoesToQuery()
{
    m_dialog->setQuery(u"gz"_s);
    QTest::keyClicks(m_dialog->resultsView(), u"mt"_s);
    QCOMPARE(m_dialog->query(), u"gzmt"_s);
}

void tst_AddSymbolDialog::escapeCloses()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    QSignalSpy rejected(m_dialog, &QDialog::rejected);
    type(u"gzmt"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Escape);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(chosen.count(), 0);
}

void tst_AddSymbolDialog::doubleClickAdds()
{
    QSignalSpy chosen(m_dialog, &AddSymbolDialog::symbolsChosen);
    type(u"银行"_s);
    QTableView* view = m_dialog->resultsView();
    const QString second = m_dialog->resultsModel()->codeAt(1);
    const QPoint at = view->visualRect(m_dialog->resultsModel()->index(1, SymbolSearchModel::Code)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().toStringList(), QStringList{second});
}

void tst_AddSymbolDialog::namesFollowLanguage()
{
    type(u"gzmt"_s);
    const QModelIndex name = m_dialog->resultsModel()->index(0, SymbolSearchModel::Name);
    QCOMPARE(name.data().toString(), u"Kweichow Moutai"_s);
    QCOMPARE(name.data(Qt::ToolTipRole).toString(), u"贵州茅台"_s);
    m_dialog->setChineseNames(true);
    QCOMPARE(name.data().toString(), u"贵州茅台"_s);
    QCOMPARE(name.data(Qt::ToolTipRole).toString(), u"Kweichow Moutai"_s);
    QCOMPARE(m_dialog->resultsModel()->index(0, SymbolSearchModel::MarketColumn).data().toString(), u"Shanghai"_s);
}

void tst_AddSymbolDialog::feedLabeler()
{
    type(u"中国平安"_s); // 601318.SH and 2318.HK
    const SymbolSearchModel* model = m_dialog->resultsModel();
    QCOMPARE(model->rowCount(), 2);
    auto feedOf = [model](const QString& code) {
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->codeAt(row) == code)
                return model->index(row, SymbolSearchModel::Feed).data().toString();
        }
        return QString();
    };
    QCOMPARE(feedOf(u"601318.SH"_s), u"AllTick stocks"_s);
    m_dialog->setFeedLabeler(
        [](const QString& code) { return code.endsWith(u".SH"_s) || code.endsWith(u".SZ"_s) ? u"QMT"_s : QString(); });
    QCOMPARE(feedOf(u"601318.SH"_s), u"QMT"_s);
    QCOMPARE(feedOf(u"2318.HK"_s), u"AllTick stocks"_s); // empty label: the default
    type(u"eurusd"_s);
    QCOMPARE(model->index(0, SymbolSearchModel::Feed).data().toString(), u"AllTick forex/crypto"_s);
}

void tst_AddSymbolDialog::modelUnderTester()
{
    SymbolSearchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const SymbolSearch search(&SymbolCatalog::builtIn());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(SymbolSearchModel::ColumnCount));
    model.setResults(search.search(u"银行"_s, 10));
    QCOMPARE(model.rowCount(), 10);
    model.setResults(search.search(u"gzmt"_s), u"ZZZZ.US"_s);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.isUncatalogued(0));
    QCOMPARE(model.codeAt(0), u"ZZZZ.US"_s);
    QCOMPARE(model.codeAt(1), u"600519.SH"_s);
    QCOMPARE(model.codeAt(2), QString());
    QCOMPARE(model.index(0, SymbolSearchModel::Code).data(SymbolSearchModel::RankRole).toInt(), -1);
    QCOMPARE(model.index(1, SymbolSearchModel::Code).data(SymbolSearchModel::RankRole).toInt(),
             int(SymbolSearch::ExactName));
    QCOMPARE(model.index(0, SymbolSearchModel::MarketColumn).data().toString(), u"US"_s);
    QCOMPARE(model.headerData(SymbolSearchModel::Feed, Qt::Horizontal).toString(), u"Feed"_s);
    QCOMPARE(reset.count(), 2);
    model.setChineseNames(true);
    QCOMPARE(changed.count(), 1);
    model.setChineseNames(true); // no change, no signal
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(1, SymbolSearchModel::Name).data().toString(), u"贵州茅台"_s);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.setChineseNames(false); // no rows: nothing to signal
    QCOMPARE(changed.count(), 1);
}

void tst_AddSymbolDialog::feedChoice()
{
    auto* combo = m_dialog->findChild<QComboBox*>();
    QVERIFY(combo);
    // One feed: nothing to choose, the choice stays hidden and automatic.
    m_dialog->setFeedChoices({{u"simulator"_s, u"Simulator"_s}});
    QVERIFY(combo->isHidden());
    QCOMPARE(m_dialog->chosenFeed(), QString());
    // Two feeds: Automatic first, then each feed; the pick survives a refresh of the list.
    m_dialog->setFeedChoices({{u"alltick"_s, u"AllTick"_s}, {u"qmt"_s, u"QMT Bridge"_s}});
    QVERIFY(!combo->isHidden());
    QCOMPARE(combo->count(), 3);
    QCOMPARE(combo->itemData(0).toString(), QString());
    m_dialog->setChosenFeed(u"qmt"_s);
    QCOMPARE(m_dialog->chosenFeed(), u"qmt"_s);
    m_dialog->setFeedChoices({{u"alltick"_s, u"AllTick"_s}, {u"qmt"_s, u"QMT Bridge"_s}});
    QCOMPARE(m_dialog->chosenFeed(), u"qmt"_s);
    // An unknown id falls back to automatic.
    m_dialog->setChosenFeed(u"nope"_s);
    QCOMPARE(m_dialog->chosenFeed(), QString());
}

void tst_AddSymbolDialog::screenshots()
{
    // Set QM_SCREENSHOT_DIR to look at the dialog: English and Chinese names, with a multi-selection and a message.
    const QString dir = qEnvironmentVariable("QM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("QM_SCREENSHOT_DIR not set");
    m_dialog->setExistingSymbols({u"600036.SH"_s});
    type(u"yh"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    type(u"zsyh"_s);
    QVERIFY(m_dialog->grab().save(QDir(dir).filePath(u"addsymbol-en.png"_s)));
    m_dialog->setChineseNames(true);
    type(u"银行"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Down, Qt::ShiftModifier);
    QVERIFY(m_dialog->grab().save(QDir(dir).filePath(u"addsymbol-zh.png"_s)));
    type(u"xyz.us"_s);
    QVERIFY(m_dialog->grab().save(QDir(dir).filePath(u"addsymbol-uncatalogued.png"_s)));
    type(u"XYZ.USX"_s);
    QTest::keyClick(queryEdit(), Qt::Key_Return);
    QVERIFY(m_dialog->grab().save(QDir(dir).filePath(u"addsymbol-invalid.png"_s)));
}

QTEST_MAIN(tst_AddSymbolDialog)
#include "tst_addsymboldialog.moc"
