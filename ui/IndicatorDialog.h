#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QToolButton;
class TickChartWidget;

// "Indicators…" of the tick chart: adds QMT Bridge formulas (MA, EMA, MACD, BOLL, KDJ, RSI or any name typed) with
// parameters ("N=5") at a period (1m by default) to the chart's symbol, and lists that symbol's indicators with their
// state (waiting for the bridge, the server's seq_id, the outputs received) and a Remove button each. Errors (bad
// parameters, the bridge's {"error": ...}) stay in red under the list until the next Add. Non-modal; it follows the
// chart's symbol. The chart does the work (TickChartWidget::addIndicator / removeIndicator); the dialog is a view.
class IndicatorDialog : public QDialog
{
    Q_OBJECT
public:
    explicit IndicatorDialog(TickChartWidget* chart, QWidget* parent = nullptr);

    // Adds the formula with the dialog's choices (as the Add button does); the subscription id or -1.
    int add();

    // For tests and screenshots.
    QComboBox* formulaBox() const { return m_formulaBox; }
    QLineEdit* paramsEdit() const { return m_paramsEdit; }
    QComboBox* periodBox() const { return m_periodBox; }
    QPushButton* addButton() const { return m_addButton; }
    QTableWidget* table() const { return m_table; }
    // The Remove button of row `row` of the table.
    QToolButton* removeButton(int row) const;
    QString errorText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void onFormulaChanged(const QString& formula);
    void showError(const QString& message);
    void retranslate();

    TickChartWidget* m_chart;
    QLabel* m_titleLabel;
    QLabel* m_formulaLabel;
    QLabel* m_paramsLabel;
    QLabel* m_periodLabel;
    QComboBox* m_formulaBox;
    QLineEdit* m_paramsEdit;
    QComboBox* m_periodBox;
    QPushButton* m_addButton;
    QTableWidget* m_table;
    QLabel* m_errorLabel;
    QDialogButtonBox* m_buttons;
    QString m_lastFormula;
};
