package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkBudgetTest {

  @Test
  void take_withinTheBudget_succeedsUntilItIsUsedUp() {
    WorkBudget budget = new WorkBudget(5);

    assertThat(budget.take(3)).isTrue();
    assertThat(budget.take(2)).isTrue();
    assertThat(budget.isSpent()).isFalse();
    assertThat(budget.take(1)).isFalse();
    assertThat(budget.isSpent()).isTrue();
  }

  @Test
  void take_afterARefusal_refusesEvenWhatWouldFit() {
    WorkBudget budget = new WorkBudget(5);

    assertThat(budget.take(6)).isFalse();
    budget.refund(10);

    assertThat(budget.take(1)).isFalse();
  }

  @Test
  void refund_unusedPart_canBeTakenAgain() {
    WorkBudget budget = new WorkBudget(5);
    assertThat(budget.take(5)).isTrue();

    budget.refund(2);

    assertThat(budget.take(2)).isTrue();
    assertThat(budget.take(1)).isFalse();
  }

  @Test
  void constructor_negativeBudget_isRejectedWithTheValue() {
    assertThatThrownBy(() -> new WorkBudget(-1)).hasMessageContaining("-1");
  }
}
