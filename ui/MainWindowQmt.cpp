// MainWindow, part two: the QMT Bridge panels (deep book, trade events, history download, bridge settings and the
// whole-market list). Split from MainWindow.cpp, which builds the window, its actions and the other panels.
#include "MainWindow.h"

#include "DeepBookWidget.h"
#include "DownloadHistoryDialog.h"
#include "MonitorSession.h"
#include "QmtSettingsDialog.h"
#include "SymbolCatalog.h"
#include "SymbolSearch.h"
#include "TickChartWidget.h"
#include "TradeEventsWidget.h"
#include "WatchlistModel.h"
#include "WatchlistTabs.h"
#include "WatchlistView.h"
#include "feed/QmtBarClient.h"
#include "feed/QmtDownloadClient.h"
#include "feed/QmtFormulaClient.h"
#include "feed/QmtL2Client.h"
#include "feed/QmtTradeClient.h"
#include "settings/Settings.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString marketSuffix(Market market)
{
    switch (market) {
    case Market::SH:
        return u"SH"_s;
    case Market::SZ:
        return u"SZ"_s;
    case Market::BJ:
        return u"BJ"_s;
    default:
        return QString();
    }
}
} // namespace

void MainWindow::restartDeepBook()
{
    const QUrl url = m_session->qmtUrl();
    const bool served = !m_currentCode.isEmpty() && m_session->feedFor(m_currentCode) == u"qmt";
    const bool wanted = !url.isEmpty() && served && !m_l2Refused && m_deepBookDock->isVisible();
    if (wanted && m_l2->state() != QmtL2Client::State::Idle && m_l2->code() == m_currentCode)
        return; // already streaming this code
    m_l2->stop();
    if (url.isEmpty()) {
        m_deepBook->clear();
        m_deepBook->showNotAvailable(tr("No QMT Bridge is configured. Set one in Tools > QMT Bridge settings... "
                                        "or start with --qmt ws://HOST:PORT."));
    } else if (m_l2Refused) {
        m_deepBook->showNotAvailable(QmtL2Client::notAvailableMessage());
    } else if (!served) {
        m_deepBook->clear();
        m_deepBook->showNotAvailable(
            m_currentCode.isEmpty()
                ? tr("Select an A-share (.SH, .SZ, .BJ) quoted by the QMT Bridge.")
                : tr("%1 is not quoted by the QMT Bridge. Level-2 depth is available for A-shares (.SH, .SZ, .BJ) "
                     "quoted by the bridge.")
                      .arg(m_currentCode));
    } else if (wanted) {
        if (m_l2->code() != m_currentCode)
            m_deepBook->clear();
        m_l2->start(url, m_currentCode);
    }
}

void MainWindow::restartTradeEvents()
{
    m_trade->stop();
    const QUrl url = m_session->qmtUrl();
    if (url.isEmpty()) {
        m_tradeEvents->setStatusText(tr("No QMT Bridge is configured. Set one in Tools > QMT Bridge settings... or "
                                        "start with --qmt ws://HOST:PORT."));
    } else if (m_session->qmtApiKey().isEmpty()) {
        m_tradeEvents->setStatusText(tr("Trade events need the bridge's API key: enter it in Tools > QMT Bridge "
                                        "settings..., or start with --qmt-api-key KEY (or set QMT_BRIDGE_API_KEY)."));
    } else {
        m_trade->start(url, m_session->qmtApiKey());
    }
}

void MainWindow::onQmtBridgeChanged()
{
    const QUrl url = m_session->qmtUrl();
    m_l2Refused = false;
    m_l2->stop();
    m_catalogCodes.clear(); // the new bridge sends its own stock lists
    restartDeepBook();
    restartTradeEvents();
    // The chart's indicators subscribe through a formula client of the current bridge.
    QmtFormulaClient* old = m_formula;
    m_formula = nullptr;
    if (!url.isEmpty()) {
        m_formula = new QmtFormulaClient(this);
        m_formula->setBaseUrl(url);
    }
    m_chart->setFormulaClient(m_formula);
    if (old) {
        old->stop();
        old->deleteLater();
    }
    // The chart's bar periods stream through a bar client of the current bridge.
    QmtBarClient* oldBars = m_bars;
    m_bars = nullptr;
    if (!url.isEmpty()) {
        m_bars = new QmtBarClient(this);
        m_bars->setBaseUrl(url);
    }
    m_chart->setBarClient(m_bars);
    if (oldBars) {
        oldBars->stop();
        oldBars->deleteLater();
    }
    updateChartBars();
    updateQmtActions();
}

void MainWindow::updateChartBars()
{
    const bool served = !m_currentCode.isEmpty() && m_session->feedFor(m_currentCode) == u"qmt";
    QString reason;
    if (!served && !m_currentCode.isEmpty()) {
        reason = tr("%1 is quoted by %2, which sends trades only: bar periods (1m, 5m, 1d) come from the QMT Bridge, "
                    "for A-shares (.SH, .SZ, .BJ) it quotes.")
                     .arg(m_currentCode, feedLabel(m_currentCode));
    }
    m_chart->setBarPeriodsAvailable(served && m_bars, reason);
}

void MainWindow::updateQmtActions()
{
    const bool bridge = !m_session->qmtUrl().isEmpty();
    m_downloadAction->setEnabled(bridge);
    m_downloadAction->setToolTip(bridge ? tr("Have the QMT Bridge download K-line history")
                                        : tr("Needs a QMT Bridge: set one in Tools > QMT Bridge settings..."));
    const bool catalog = !m_catalogCodes.isEmpty();
    m_wholeMarketAction->setEnabled(catalog);
    if (!bridge)
        m_wholeMarketAction->setToolTip(tr("Needs a QMT Bridge: set one in Tools > QMT Bridge settings..."));
    else if (!catalog)
        m_wholeMarketAction->setToolTip(tr("Waiting for the QMT Bridge's stock lists"));
    else
        m_wholeMarketAction->setToolTip(tr("A watchlist with every stock of the chosen markets"));
}

void MainWindow::onCatalogReceived(const QList<SymbolInfo>& symbols)
{
    m_search->addExtraSymbols(symbols);
    // The feed sends one stock list at a time: each market's latest list replaces the one before.
    QMap<int, QStringList> received;
    for (const SymbolInfo& info : symbols) {
        if (info.market == Market::SH || info.market == Market::SZ || info.market == Market::BJ)
            received[int(info.market)].append(info.code);
    }
    for (auto it = received.cbegin(); it != received.cend(); ++it)
        m_catalogCodes.insert(it.key(), it.value());
    updateQmtActions();
}

QStringList MainWindow::catalogCodes(Market market) const
{
    return m_catalogCodes.value(int(market));
}

int MainWindow::createWholeMarketList(const QList<Market>& markets)
{
    QStringList codes;
    QStringList names;
    for (Market market : markets) {
        const QStringList list = catalogCodes(market);
        if (list.isEmpty())
            continue;
        codes += list;
        names.append(marketSuffix(market));
    }
    codes.removeDuplicates();
    if (codes.isEmpty())
        return 0;
    m_tabs->createList(tr("Whole market %1").arg(names.join(u'+')), codes);
    statusBar()->showMessage(tr("New watchlist with %n symbol(s)", nullptr, int(codes.size())), 8000);
    return int(codes.size());
}

void MainWindow::openWholeMarketDialog()
{
    auto* dialog = new QDialog(this);
    dialog->setObjectName(u"WholeMarketDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New whole-market list"));
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(new QLabel(tr("Create a watchlist with every stock the QMT Bridge lists for:"), dialog));
    const struct
    {
        Market market;
        QString name;
    } choices[] = {
        {Market::SH, tr("Shanghai (SH)")},
        {Market::SZ, tr("Shenzhen (SZ)")},
        {Market::BJ, tr("Beijing (BJ)")},
    };
    QList<QPair<QCheckBox*, Market>> boxes;
    for (const auto& choice : choices) {
        const int count = int(catalogCodes(choice.market).size());
        auto* box = new QCheckBox(tr("%1: %Ln stock(s)", nullptr, count).arg(choice.name), dialog);
        box->setObjectName(u"market"_s + marketSuffix(choice.market));
        box->setEnabled(count > 0);
        box->setChecked(count > 0 && choice.market != Market::BJ);
        layout->addWidget(box);
        boxes.append({box, choice.market});
    }
    auto* note = new QLabel(tr("Large lists are streamed by the bridge as whole-market updates."), dialog);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(buttons);
    auto updateOk = [boxes, buttons] {
        bool any = false;
        for (const auto& [box, market] : boxes)
            any = any || box->isChecked();
        buttons->button(QDialogButtonBox::Ok)->setEnabled(any);
    };
    for (const auto& [box, market] : boxes)
        connect(box, &QCheckBox::toggled, dialog, updateOk);
    updateOk();
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, boxes] {
        QList<Market> markets;
        for (const auto& [box, market] : boxes) {
            if (box->isChecked())
                markets.append(market);
        }
        createWholeMarketList(markets);
        dialog->accept();
    });
    dialog->open();
}

DownloadHistoryDialog* MainWindow::openDownloadHistory()
{
    const QUrl url = m_session->qmtUrl();
    if (url.isEmpty())
        return nullptr;
    if (m_downloadDialog && !m_downloadDialog->isVisible())
        delete m_downloadDialog; // a closed one, possibly for another bridge
    if (!m_downloadDialog) {
        auto* client = new QmtDownloadClient();
        client->setBaseUrl(url);
        m_downloadDialog = new DownloadHistoryDialog(client, this);
        client->setParent(m_downloadDialog);
        m_downloadDialog->setAttribute(Qt::WA_DeleteOnClose);
        QStringList codes;
        if (WatchlistView* view = m_tabs->currentView()) {
            for (const QString& code : view->watchlistModel()->symbols()) {
                const Market market = Markets::guessFromCode(code);
                if (market == Market::SH || market == Market::SZ || market == Market::BJ)
                    codes.append(code);
            }
        }
        m_downloadDialog->setSymbols(codes);
    }
    m_downloadDialog->show();
    m_downloadDialog->raise();
    m_downloadDialog->activateWindow();
    return m_downloadDialog;
}

QmtSettingsDialog* MainWindow::openQmtSettings()
{
    if (!m_qmtSettingsDialog) {
        m_qmtSettingsDialog = new QmtSettingsDialog(this);
        m_qmtSettingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_qmtSettingsDialog->setUrl(m_session->qmtUrl());
        m_qmtSettingsDialog->setApiKey(m_session->qmtApiKey());
        m_qmtSettingsDialog->setRememberKey(!m_settings->qmtApiKey().isEmpty());
        m_qmtSettingsDialog->setNote(tr("The address is saved and used at the next start. --qmt and "
                                        "--qmt-api-key on the command line win over these settings for "
                                        "the run they are given in."));
        QmtSettingsDialog* dialog = m_qmtSettingsDialog;
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { applyQmtSettings(dialog->url(), dialog->apiKey(), dialog->rememberKey()); });
    }
    m_qmtSettingsDialog->open();
    return m_qmtSettingsDialog;
}

void MainWindow::applyQmtSettings(const QUrl& url, const QString& apiKey, bool rememberKey)
{
    m_settings->setQmtUrl(url);
    m_settings->setQmtApiKey(rememberKey && !url.isEmpty() ? apiKey : QString());
    QString error;
    if (!m_settings->sync(&error))
        showWarning(tr("Settings"), error);
    if (url != m_session->qmtUrl() || apiKey != m_session->qmtApiKey()) {
        m_session->setQmtBridge(url, apiKey);
        statusBar()->showMessage(url.isEmpty() ? tr("QMT Bridge turned off")
                                               : tr("Connecting to the QMT Bridge at %1").arg(url.toDisplayString()),
                                 8000);
    }
}
