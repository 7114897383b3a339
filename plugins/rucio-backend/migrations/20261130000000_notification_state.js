// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rucio_notification_state', table => {
    table.comment(
      'Causes of owner notifications per environment, and the stage told',
    );
    table.string('environment').notNullable();
    table.string('cause_key', 500).notNullable();
    table.text('state').notNullable();
    table.primary(['environment', 'cause_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rucio_notification_state');
};
